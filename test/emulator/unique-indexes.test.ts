import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator, type NodeDb, type TestEmulator } from '../../harness/emulator';

let dir: string;
let emu: TestEmulator;
let db: NodeDb;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'emulator-config-'));
  const databaseConfig = path.join(dir, 'collections.json');
  const collections = {
    accounts: { indexes: [{ name: 'username', keys: { username: 1 }, unique: true }] },
    parts: { indexes: [{ name: 'recording_seq', keys: { recordingId: 1, seq: 1 }, unique: true }] },
  };
  await writeFile(databaseConfig, JSON.stringify({ collections }));
  emu = await startTestEmulator({ databaseConfig });
  db = emu.nodeApp().database();
});
afterAll(async () => {
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a unique index from the database config refuses a second document with the same key', async () => {
  await db.collection('accounts').add({ username: 'teacher1' });
  await expect(db.collection('accounts').add({ username: 'teacher1' })).rejects.toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
    message: expect.stringContaining('duplicate key'),
  });
  expect((await db.collection('accounts').where({ username: 'teacher1' }).count()).total).toBe(1);
});

test('a compound unique index refuses only the same combination', async () => {
  await db.collection('parts').add([
    { recordingId: 'r1', seq: 0 },
    { recordingId: 'r1', seq: 1 },
    { recordingId: 'r2', seq: 0 },
  ]);
  await expect(db.collection('parts').add({ recordingId: 'r1', seq: 1 })).rejects.toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  });
  expect((await db.collection('parts').count()).total).toBe(3);
});

test('an update that would duplicate a unique key is refused and the document keeps its value', async () => {
  await db.collection('accounts').add({ _id: 'first', username: 'teacher3' });
  await db.collection('accounts').add({ _id: 'second', username: 'teacher2' });
  await expect(
    db.collection('accounts').doc('second').update({ username: 'teacher3' }),
  ).rejects.toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
  });
  expect((await db.collection('accounts').doc('second').get()).data).toEqual([
    { _id: 'second', username: 'teacher2' },
  ]);
});
