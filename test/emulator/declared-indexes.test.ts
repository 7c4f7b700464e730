/**
 * Declared indexes change how much work the emulator does, never what it answers: the same documents,
 * queries, sorts and pages against an emulator with indexes on every queried field and one without any
 * give the same ids in the same order (ties, missing fields, nulls, arrays, mixed types included), before
 * and after updates, removals, re-inserts and a restart.
 */
import { Verdict } from '../../emulator/db/field-index';
import { planQuery } from '../../emulator/db/query-planner';
import { startTestEmulator, type NodeDb, type TestEmulator } from '../../harness/emulator';

const COLLECTION = 'items';
const INDEXED = ['kind', 'n', 'flag', 'tag', 'review.status', 'review.score', 'at'];

let indexed: TestEmulator;
let plain: TestEmulator;

beforeAll(async () => {
  [indexed, plain] = await Promise.all([
    startTestEmulator({
      autoCreateCollections: true,
      databaseConfig: false,
      indexes: { [COLLECTION]: INDEXED },
    }),
    startTestEmulator({ autoCreateCollections: true, databaseConfig: false }),
  ]);
});
afterAll(async () => {
  await Promise.all([indexed.stop(), plain.stop()]);
});

/** A small deterministic generator, so a failure names documents that exist on the next run too. */
function pick<T>(i: number, salt: number, values: T[]): T {
  const index = (i * 7919 + salt * 104729) % values.length;
  return values[index] as T;
}

const MISSING = Symbol('missing');
type Value = unknown;

function seededDoc(i: number): Record<string, Value> {
  const fields: Record<string, Value> = {
    _id: `d${String(i).padStart(3, '0')}`,
    kind: pick(i, 1, ['a', 'b', 'c', 'A', MISSING, null, ['a', 'b']]),
    n: pick(i, 2, [0, 1, 2, 2, 3, 4, '2', 2.5, true, MISSING, -0]),
    flag: pick(i, 3, [true, false, 1, MISSING]),
    tag: pick(i, 4, ['x', 'y', ['x', 'y'], { v: 'x' }, MISSING]),
    review: pick(i, 5, [
      MISSING,
      { status: 'open', score: 1 },
      { status: 'open', score: 3 },
      { status: 'done', score: 2 },
      { status: 'done' },
      [{ status: 'open', score: 1 }],
      null,
    ]),
    at: pick(i, 6, [new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 0, 2)), MISSING, null]),
    unindexed: i % 3,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== MISSING));
}

function queries(db: NodeDb): Array<[string, object]> {
  const _ = db.command;
  return [
    ['equality', { kind: 'a' }],
    ['$in', { kind: _.in(['a', 'b']) }],
    ['numbers and a string', { n: _.in([2, '2', 0]) }],
    ['boolean', { flag: true }],
    ['$eq on a nested path', { 'review.status': _.eq('open') }],
    ['array values', { tag: 'x' }],
    ['$or of planned and partly planned branches', _.or([{ kind: 'a' }, { tag: 'x', n: _.gt(1) }])],
    [
      '$and with an unplanned $or (residual)',
      _.and([{ kind: _.in(['a', 'c']) }, _.or([{ review: _.exists(false) }, { 'review.status': 'open' }])]),
    ],
    ['$or with an unindexed branch', _.or([{ kind: 'b' }, { unindexed: 1 }])],
    ['null (not planned)', { kind: null }],
    ['nothing planned', { unindexed: _.neq(0) }],
    ['everything', {}],
  ];
}

const SORTS: Array<[string, 'asc' | 'desc'] | undefined> = [
  undefined,
  ['n', 'desc'],
  ['n', 'asc'],
  ['review.score', 'desc'],
  ['at', 'asc'],
  ['kind', 'desc'],
];
const PAGES: Array<[number, number]> = [
  [0, 5],
  [7, 10],
  [0, 1000],
];

async function answer(
  db: NodeDb,
  where: object,
  sort: (typeof SORTS)[number],
  [skip, limit]: [number, number],
) {
  let query = db.collection(COLLECTION).where(where);
  if (sort) query = query.orderBy(sort[0], sort[1]);
  const { data } = await query.skip(skip).limit(limit).get();
  return (data as Array<{ _id: string }>).map((doc) => doc._id);
}

/** Every query × sort × page, and every count, from both emulators. */
async function expectSameAnswers(): Promise<void> {
  const [a, b] = [indexed.nodeApp().database(), plain.nodeApp().database()];
  const cases = queries(a).map(([label], i) => [label, queries(a)[i]?.[1], queries(b)[i]?.[1]] as const);
  for (const [label, whereA, whereB] of cases) {
    if (!whereA || !whereB) throw new Error(`no query for ${label}`);
    const [countA, countB] = await Promise.all([
      a.collection(COLLECTION).where(whereA).count(),
      b.collection(COLLECTION).where(whereB).count(),
    ]);
    expect({ label, total: countA.total }).toEqual({ label, total: countB.total });
    for (const sort of SORTS) {
      for (const page of PAGES) {
        const [idsA, idsB] = await Promise.all([
          answer(a, whereA, sort, page),
          answer(b, whereB, sort, page),
        ]);
        expect({ label, sort, page, ids: idsA }).toEqual({ label, sort, page, ids: idsB });
      }
    }
  }
}

async function onBoth(work: (db: NodeDb) => Promise<unknown>): Promise<void> {
  await work(indexed.nodeApp().database());
  await work(plain.nodeApp().database());
}

test('indexed and unindexed emulators answer every query, sort and page alike', async () => {
  const docs = Array.from({ length: 120 }, (_, i) => seededDoc(i));
  await onBoth((db) => db.collection(COLLECTION).add(docs));
  await expectSameAnswers();
});

test('they still agree after updates, removals, a re-insert (which moves to the end) and a restart', async () => {
  await onBoth(async (db) => {
    const _ = db.command;
    await db.collection(COLLECTION).where({ kind: 'b' }).update({ kind: 'c', n: 9 });
    await db
      .collection(COLLECTION)
      .doc('d010')
      .update({ review: { status: 'open', score: 7 } });
    await db
      .collection(COLLECTION)
      .where({ unindexed: 2, n: _.in([1, 3]) })
      .remove();
    await db.collection(COLLECTION).doc('d004').remove();
    await db.collection(COLLECTION).add({ _id: 'd004', kind: 'a', n: 2 });
    await db
      .collection(COLLECTION)
      .doc('d020')
      .set({ kind: ['c'], n: 2, tag: 'x' });
  });
  await expectSameAnswers();
  await indexed.restart();
  await expectSameAnswers();
});

test('once no document holds an array there, a sort by a nested path reads the index and still agrees', async () => {
  await onBoth(async (db) => {
    const removed = await db
      .collection(COLLECTION)
      .where({ 'review.0.status': db.command.exists(true) })
      .remove();
    expect(removed.deleted).toBeGreaterThan(0);
  });
  await expectSameAnswers();
});

test('only declared indexes plan a query; an $or branch on an undeclared field leaves the $or to mingo', () => {
  const lookup = (path: string) =>
    path === 'kind'
      ? { classify: () => Verdict.NO, candidateCount: () => 0, candidates: () => [] }
      : undefined;
  expect(planQuery({ other: 'a' }, lookup)).toBeUndefined();
  expect(planQuery({ kind: 'a', other: 'b' }, lookup)?.residual).toEqual({ $and: [{ other: 'b' }] });
  const partly = planQuery({ $or: [{ kind: 'a' }, { other: 'b' }] }, lookup);
  expect(partly?.planned.map((part) => part.classify('any-doc'))).toEqual([Verdict.MAYBE]);
});
