/**
 * A transaction cut by `kill -9` of the emulator process leaves nothing half-applied: before commit its
 * writes are gone, during commit they are all there or none is, and a log line cut mid-write is dropped.
 */
import { appendFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { startEmulatorProcess, type EmulatorProcess } from '../../harness/emulator-process';

let emu: EmulatorProcess;

beforeEach(async () => {
  emu = await startEmulatorProcess({ envId: 'kill-env', autoCreateCollections: true });
});
afterEach(async () => {
  await emu.stop();
});

const logFile = () => path.join(emu.dataDir, 'db', 'documents.log');

async function values(name: string): Promise<number[]> {
  const { data } = await emu.nodeApp().database().collection(name).limit(1000).get();
  return (data as Array<{ v: number }>).map((doc) => doc.v);
}

test('kill -9 before commit: none of the transaction is applied after restart', async () => {
  const db = emu.nodeApp().database();
  await db.collection('acct').add([
    { _id: 'a', v: 10 },
    { _id: 'b', v: 10 },
  ]);
  const transaction = await db.startTransaction();
  await transaction.collection('acct').doc('a').update({ v: 0 });
  await transaction.collection('acct').doc('b').update({ v: 20 });
  await transaction.collection('acct').add({ _id: 'c', v: 5 });
  await emu.kill9();
  await emu.restart();
  expect(await values('acct')).toEqual([10, 10]);
});

test('kill -9 while a large commit is being written: all of it or none of it after restart', async () => {
  const db = emu.nodeApp().database();
  const ids = Array.from({ length: 200 }, (_, i) => `d${i}`);
  await db.collection('bulk').add(ids.map((_id) => ({ _id, v: 0 })));
  const transaction = await db.startTransaction();
  const pad = 'x'.repeat(20_000);
  for (const id of ids) await transaction.collection('bulk').doc(id).update({ v: 1, pad });
  const before = (await stat(logFile())).size;
  let settled = false;
  const commit = transaction
    .commit()
    .catch(() => 'lost')
    .finally(() => (settled = true));
  // Kill the moment the commit starts reaching the log (or as soon after as the poll sees it).
  while (!settled && (await stat(logFile())).size === before) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  await emu.kill9();
  await commit;
  await emu.restart();
  const after = await values('bulk');
  expect(after).toHaveLength(200);
  expect(new Set(after).size).toBe(1);
});

test('a log line cut mid-write is dropped and everything before it loads', async () => {
  const db = emu.nodeApp().database();
  await db.collection('torn').add({ _id: 'kept', v: 1 });
  await emu.kill9();
  await appendFile(logFile(), '{"ops":[{"c":"torn","d":{"_id":"half","v":{"$numberInt":"2"');
  await emu.restart();
  expect(await values('torn')).toEqual([1]);
  await emu.nodeApp().database().collection('torn').add({ _id: 'next', v: 3 });
  await emu.kill9();
  await emu.restart();
  expect(await values('torn')).toEqual([1, 3]);
});
