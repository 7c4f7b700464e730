import type { NodeDb } from '../../harness/emulator';
import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();
let db: NodeDb;
let _: NodeDb['command'];
let seq = 0;

beforeAll(() => {
  db = suite.db;
  _ = db.command;
});

/** Inserts `doc`, applies `update` through doc().update(), returns the stored document without _id. */
async function updated(doc: object, update: object): Promise<Record<string, unknown>> {
  const id = `u${seq++}`;
  await db.collection('upd').add({ _id: id, ...doc });
  await db.collection('upd').doc(id).update(update);
  const [{ _id, ...rest }] = (await db.collection('upd').doc(id).get()).data;
  expect(_id).toBe(id);
  return rest;
}

test('plain fields and set() merge into nested objects', async () => {
  expect(await updated({ a: 1, o: { x: 1, y: 2 } }, { b: 2, o: { x: 9 } })).toEqual({
    a: 1,
    b: 2,
    o: { x: 9, y: 2 },
  });
  expect(await updated({ o: { x: 1, y: 2 } }, { o: _.set({ z: 3 }) })).toEqual({ o: { z: 3 } });
});

test('remove() unsets a field', async () => {
  expect(await updated({ a: 1, b: 2 }, { b: _.remove() })).toEqual({ a: 1 });
});

test('inc adds to a number and mul multiplies it', async () => {
  expect(await updated({ n: 5 }, { n: _.inc(2), m: _.inc(1) })).toEqual({ n: 7, m: 1 });
  expect(await updated({ n: 5 }, { n: _.mul(3), m: _.mul(2) })).toEqual({ n: 15, m: 0 });
});

test('min and max keep the smaller or the larger value', async () => {
  expect(await updated({ lo: 5, hi: 5 }, { lo: _.min(3), hi: _.max(9) })).toEqual({ lo: 3, hi: 9 });
  expect(await updated({ lo: 5, hi: 5 }, { lo: _.min(8), hi: _.max(1) })).toEqual({ lo: 5, hi: 5 });
});

test('push appends, and with each and position inserts several at a place', async () => {
  expect(await updated({ l: [1] }, { l: _.push([2, 3]) })).toEqual({ l: [1, 2, 3] });
  expect(await updated({ l: [1] }, { l: _.push({ each: [0], position: 0 }) })).toEqual({ l: [0, 1] });
  expect(await updated({}, { l: _.push(['first']) })).toEqual({ l: ['first'] });
});

test('push with sort keeps the array ordered by a field, as CloudBase does', async () => {
  const pushed = await updated(
    { l: [{ t: 1 }, { t: 9 }] },
    { l: _.push({ each: [{ t: 5 }], sort: { t: 1 } }) },
  );
  expect(pushed).toEqual({ l: [{ t: 1 }, { t: 5 }, { t: 9 }] });
  expect(await updated({ l: [3, 1] }, { l: _.push({ each: [2], sort: -1 }) })).toEqual({ l: [3, 2, 1] });
});

test('pull removes equal items and items matching a condition', async () => {
  expect(await updated({ l: [1, 2, 1, 3] }, { l: _.pull(1) })).toEqual({ l: [2, 3] });
  expect(await updated({ l: [1, 2, 3, 4] }, { l: _.pull(_.in([2, 4])) })).toEqual({ l: [1, 3] });
  expect(await updated({ l: [{ k: 1, v: 'a' }, { k: 2 }] }, { l: _.pull({ k: 1 }) })).toEqual({
    l: [{ k: 2 }],
  });
});

test('addToSet adds only missing items', async () => {
  expect(await updated({ l: ['a'] }, { l: _.addToSet('a') })).toEqual({ l: ['a'] });
  expect(await updated({ l: ['a'] }, { l: _.addToSet({ each: ['a', 'b', 'b'] }) })).toEqual({
    l: ['a', 'b'],
  });
});

test('pop and shift drop the last and the first item', async () => {
  expect(await updated({ l: [1, 2, 3] }, { l: _.pop() })).toEqual({ l: [1, 2] });
  expect(await updated({ l: [1, 2, 3] }, { l: _.shift() })).toEqual({ l: [2, 3] });
});

test('rename moves a field', async () => {
  expect(await updated({ old: 7, keep: 1 }, { old: _.rename('fresh') })).toEqual({ fresh: 7, keep: 1 });
});

test('a dotted path updates inside a nested object', async () => {
  expect(await updated({ review: { score: 1, by: 't' } }, { 'review.score': _.inc(4) })).toEqual({
    review: { score: 5, by: 't' },
  });
});

test('an operator on the wrong type is refused and the document is unchanged', async () => {
  await db.collection('upd').add({ _id: 'typed', s: 'text' });
  await expect(
    db
      .collection('upd')
      .doc('typed')
      .update({ s: _.inc(1) }),
  ).rejects.toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
  expect((await db.collection('upd').doc('typed').get()).data).toEqual([{ _id: 'typed', s: 'text' }]);
});

test('doc().set() replaces the whole document', async () => {
  await db.collection('sets').add({ _id: 's1', a: 1, b: 2 });
  const res = await db.collection('sets').doc('s1').set({ c: 3 });
  expect(res.updated).toBe(1);
  expect((await db.collection('sets').doc('s1').get()).data).toEqual([{ _id: 's1', c: 3 }]);
});

test('doc().set() creates a missing document (upsert)', async () => {
  const res = await db.collection('sets').doc('s2').set({ fresh: true });
  expect(res.upsertedId).toBe('s2');
  expect((await db.collection('sets').doc('s2').get()).data).toEqual([{ _id: 's2', fresh: true }]);
});

test('where().update() changes every match; doc().update() of a missing doc changes nothing', async () => {
  await db.collection('multi').add([
    { g: 1, v: 0 },
    { g: 1, v: 0 },
    { g: 2, v: 0 },
  ]);
  expect(
    (
      await db
        .collection('multi')
        .where({ g: 1 })
        .update({ v: _.inc(1) })
    ).updated,
  ).toBe(2);
  const { data } = await db.collection('multi').orderBy('g', 'asc').get();
  expect(data.map((d: { v: number }) => d.v)).toEqual([1, 1, 0]);
  expect((await db.collection('multi').doc('missing').update({ v: 1 })).updated).toBe(0);
  expect((await db.collection('multi').count()).total).toBe(3);
});
