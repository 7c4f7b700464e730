/**
 * Behaviours where the emulator used to answer differently from CloudBase (issue 19, items 1–7), each
 * checked through the real @cloudbase/node-sdk on what was stored.
 */
import { ObjectId } from 'bson';
import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile({ functionsDir: `${__dirname}/fixtures/functions` });

async function stored(collection: string, id: string): Promise<Record<string, unknown> | undefined> {
  const { data } = await suite.db.collection(collection).doc(id).get();
  return (data as Array<Record<string, unknown>>)[0];
}

test('push with each, sort and slice sorts the whole array before slicing it', async () => {
  const _ = suite.db.command;
  await suite.db.collection('fix').add({ _id: 'push1', l: [1, 2, 3] });
  await suite.db
    .collection('fix')
    .doc('push1')
    .update({ l: _.push({ each: [4, 5, 6], sort: -1, slice: 3 }) });
  expect((await stored('fix', 'push1'))?.l).toEqual([6, 5, 4]);
});

test('push with sort alone sorts the existing items with the new ones', async () => {
  const _ = suite.db.command;
  await suite.db.collection('fix').add({ _id: 'push2', l: [3, 1, 2] });
  const res = await suite.db
    .collection('fix')
    .doc('push2')
    .update({ l: _.push({ each: [0], sort: 1 }) });
  expect(res.updated).toBe(1);
  expect((await stored('fix', 'push2'))?.l).toEqual([0, 1, 2, 3]);
});

test('getTempFileURL with 51 files is INVALID_PARAM "up to 50 files at a time"', async () => {
  const app = suite.emu.nodeApp();
  const fileList = Array.from({ length: 51 }, (_, i) => `cloud://test-env.test-env-1250000000/x/${i}.txt`);
  await expect(app.getTempFileURL({ fileList })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringContaining('up to 50 files at a time'),
  });
});

test('deleteFile with 51 files is INVALID_PARAM and deletes none of them', async () => {
  const app = suite.emu.nodeApp();
  const { fileID } = await app.uploadFile({ cloudPath: 'limit/keep.txt', fileContent: Buffer.from('k') });
  const fileList = [fileID, ...Array.from({ length: 50 }, (_, i) => `${fileID}.${i}`)];
  await expect(app.deleteFile({ fileList })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  expect(((await app.downloadFile({ fileID })).fileContent as Buffer).toString()).toBe('k');
});

test('the client deleteFile refuses 51 files too', async () => {
  const fileList = Array.from({ length: 51 }, (_, i) => `cloud://test-env.test-env-1250000000/c/${i}`);
  await expect(suite.emu.client().deleteFile({ fileList, openid: 'o-1' })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  });
});

test('the client getTempFileURL with 51 files is INVALID_PARAM with wx errCode -501007', async () => {
  const fileList = Array.from({ length: 51 }, (_, i) => `cloud://test-env.test-env-1250000000/c/${i}`);
  await expect(suite.emu.client().getTempFileURL({ fileList, openid: 'o-1' })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    errCode: -501007,
    errMsg: expect.stringContaining('up to 50 files at a time'),
  });
});

test('elemMatch with an operator matches arrays of scalars', async () => {
  const _ = suite.db.command;
  await suite.db.collection('elem').add([
    { _id: 'e1', l: [1, 2] },
    { _id: 'e2', l: [1, 5] },
    { _id: 'e3', l: [{ value: 1 }] },
  ]);
  const { data } = await suite.db
    .collection('elem')
    .where({ l: _.elemMatch(_.gt(2)) })
    .get();
  expect(data.map((doc: { _id: string }) => doc._id)).toEqual(['e2']);
});

test('elemMatch with a field condition matches arrays of documents', async () => {
  const _ = suite.db.command;
  await suite.db.collection('elem2').add([
    { _id: 'f1', l: [{ value: 1 }, { value: 3 }] },
    { _id: 'f2', l: [{ value: 2 }] },
  ]);
  const { data } = await suite.db
    .collection('elem2')
    .where({ l: _.elemMatch({ value: _.eq(1) }) })
    .get();
  expect(data.map((doc: { _id: string }) => doc._id)).toEqual(['f1']);
});

test('a bad operator inside elemMatch is DATABASE_INVALID_OPERRATOR', async () => {
  const _ = suite.db.command;
  await expect(
    suite.db
      .collection('elem')
      .where({ l: _.elemMatch({ $bogus: 1 }) })
      .get(),
  ).rejects.toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
});

test('set() with identical content answers updated 1', async () => {
  await suite.db.collection('fix').add({ _id: 'same', v: 1, w: 'x' });
  const res = await suite.db.collection('fix').doc('same').set({ v: 1, w: 'x' });
  expect(res.updated).toBe(1);
  expect(await stored('fix', 'same')).toEqual({ _id: 'same', v: 1, w: 'x' });
});

test('an ObjectId works as _id, as a field and in a query, and reads back as its hex string', async () => {
  const id = new ObjectId().toHexString();
  const ref = new ObjectId().toHexString();
  const { db } = suite;
  const added = await db.collection('oids').add({ _id: db.ObjectId({ id }), ref: db.ObjectId({ id: ref }) });
  expect(added.id).toBe(id);
  const { data } = await db
    .collection('oids')
    .where({ ref: db.ObjectId({ id: ref }) })
    .get();
  // What the SDK's own oid tests expect from the real service: the hex string.
  expect(data).toEqual([{ _id: id, ref }]);
  expect(
    (
      await db
        .collection('oids')
        .where({ _id: db.ObjectId({ id }) })
        .count()
    ).total,
  ).toBe(1);
});

test('field names containing a dot are stored and read back as they were written', async () => {
  await suite.db.collection('dots').add({ _id: 'd1', 'a.b': 1, plain: { 'x.y': 'z' } });
  expect(await stored('dots', 'd1')).toEqual({ _id: 'd1', 'a.b': 1, plain: { 'x.y': 'z' } });
});

test('calling a function that does not exist is FUNCTION_NOT_FOUND', async () => {
  await expect(
    suite.emu.nodeApp().callFunction({ name: 'no-such-function', data: {} }),
  ).rejects.toMatchObject({
    code: 'FUNCTION_NOT_FOUND',
  });
});
