/**
 * Transactions as CloudBase runs them, through @cloudbase/node-sdk: snapshot reads, private writes,
 * first-writer-wins conflicts, runTransaction's retry, commit and rollback. Expectations follow the SDK's
 * own test/database/unit/transaction.test.ts, written against the real service.
 */
import type { Transaction } from '@cloudbase/database/dist/commonjs/transaction/index';
import type { NodeDb } from '../../harness/emulator';
import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();
let db: NodeDb;
let n = 0;

/** A fresh collection holding one document `{_id: 'a', v: 1}` for each test. */
async function fresh(): Promise<string> {
  const name = `tx${n++}`;
  await db.collection(name).add({ _id: 'a', v: 1 });
  return name;
}

async function valueOf(name: string, id: string): Promise<unknown> {
  const { data } = await db.collection(name).doc(id).get();
  return (data as Array<{ v?: unknown }>)[0]?.v;
}

beforeAll(() => {
  db = suite.db;
});

test('writes inside a transaction are invisible outside until commit, then all visible', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await transaction.collection(name).doc('a').update({ v: 2 });
  await transaction.collection(name).add({ _id: 'b', v: 3 });
  expect(await valueOf(name, 'a')).toBe(1);
  expect((await db.collection(name).count()).total).toBe(1);
  await transaction.commit();
  expect(await valueOf(name, 'a')).toBe(2);
  expect(await valueOf(name, 'b')).toBe(3);
});

test('a transaction reads its own writes', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await transaction
    .collection(name)
    .doc('a')
    .update({ v: db.command.inc(5) });
  expect((await transaction.collection(name).doc('a').get()).data).toEqual({ _id: 'a', v: 6 });
  await transaction.rollback();
});

test('a transaction reads the snapshot taken when it started, not later commits', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await db.collection(name).doc('a').set({ v: 100 });
  await db.collection(name).add({ _id: 'late', v: 1 });
  expect((await transaction.collection(name).doc('a').get()).data).toEqual({ _id: 'a', v: 1 });
  expect((await transaction.collection(name).doc('late').get()).data).toBeNull();
  await transaction.rollback();
});

test('rollback drops every write of the transaction', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await transaction.collection(name).doc('a').remove();
  expect((await transaction.collection(name).doc('a').get()).data).toBeNull();
  await transaction.rollback();
  expect(await valueOf(name, 'a')).toBe(1);
});

test('a write to a document another open transaction wrote is DATABASE_TRANSACTION_CONFLICT', async () => {
  const name = await fresh();
  const first = await db.startTransaction();
  const second = await db.startTransaction();
  await second.collection(name).doc('a').update({ v: 2 });
  await expect(first.collection(name).doc('a').update({ v: 3 })).rejects.toMatchObject({
    code: 'DATABASE_TRANSACTION_CONFLICT',
  });
  await second.commit();
  expect(await valueOf(name, 'a')).toBe(2);
});

test('a write to a document changed outside since the snapshot is DATABASE_TRANSACTION_CONFLICT', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await transaction.collection(name).doc('a').get();
  await db.collection(name).doc('a').update({ v: 50 });
  await expect(transaction.collection(name).doc('a').update({ v: 2 })).rejects.toMatchObject({
    code: 'DATABASE_TRANSACTION_CONFLICT',
    message: expect.stringContaining('[ResourceUnavailable.TransactionConflict]'),
  });
  expect(await valueOf(name, 'a')).toBe(50);
});

test('commit fails with a conflict when the document changed outside after the transaction wrote it', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await transaction.collection(name).doc('a').update({ v: 2 });
  await db.collection(name).doc('a').update({ v: 70 });
  await expect(transaction.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await valueOf(name, 'a')).toBe(70);
});

test('runTransaction retries its callback after a conflict and commits the retry', async () => {
  const name = await fresh();
  let attempts = 0;
  const result = await db.runTransaction(async (transaction: Transaction) => {
    attempts += 1;
    const { data } = await transaction.collection(name).doc('a').get();
    // The first attempt loses a race: someone else changes the document before it writes.
    if (attempts === 1) await db.collection(name).doc('a').update({ v: 10 });
    await transaction
      .collection(name)
      .doc('a')
      .update({ v: (data as { v: number }).v + 1 });
    return attempts;
  });
  expect(result).toBe(2);
  expect(await valueOf(name, 'a')).toBe(11);
});

test('runTransaction returns the callback result and a rollback(reason) rejects with the reason', async () => {
  const name = await fresh();
  expect(await db.runTransaction(async () => 'done')).toBe('done');
  await expect(
    db.runTransaction(async (transaction: Transaction) => {
      await transaction.collection(name).doc('a').update({ v: 9 });
      await transaction.rollback('changed my mind');
    }),
  ).rejects.toBe('changed my mind');
  expect(await valueOf(name, 'a')).toBe(1);
});

test('a transaction used after its commit is DATABASE_TRANSACTION_FAIL "TransactionNotExist"', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await transaction.commit();
  await expect(transaction.collection(name).doc('a').set({ v: 2 })).rejects.toMatchObject({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: expect.stringContaining('[ResourceUnavailable.TransactionNotExist]'),
  });
});

test('set() inside a transaction creates a missing document (upsert)', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  const res = await transaction.collection(name).doc('new').set({ v: 4 });
  expect(res.upserted).toEqual([{ _id: 'new' }]);
  await transaction.commit();
  expect(await valueOf(name, 'new')).toBe(4);
});

test('a query inside a transaction must name one document by _id', async () => {
  const name = await fresh();
  const transaction = await db.startTransaction();
  await expect(transaction.collection(name).where({ v: 1 }).get()).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  });
  await transaction.rollback();
});
