/** What the emulator lacked outright (issue 19, item 8), through @cloudbase/node-sdk. */
import type { NodeDb } from '../../harness/emulator';
import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();
let db: NodeDb;

beforeAll(async () => {
  db = suite.db;
  await db.collection('items').add([
    { _id: 'i1', n: 3, tags: ['a', 'b', 'c'], limit: 2 },
    { _id: 'i2', n: 4, tags: ['a'], limit: 9 },
    { _id: 'i3', n: 7, tags: ['b', 'c'], limit: 5 },
  ]);
});

async function ids(query: object): Promise<string[]> {
  const { data } = await db.collection('items').where(query).get();
  return (data as Array<{ _id: string }>).map((doc) => doc._id);
}

test('updateAndReturn updates the first match and answers its new version', async () => {
  await db.collection('counters').add({ _id: 'c', n: 1 });
  const res = await db
    .collection('counters')
    .where({ _id: 'c' })
    .updateAndReturn({ n: db.command.inc(1) });
  expect(res).toMatchObject({ updated: 1, doc: { _id: 'c', n: 2 } });
  expect((await db.collection('counters').doc('c').get()).data).toEqual([{ _id: 'c', n: 2 }]);
});

test('updateAndReturn with no match answers updated 0 and no document', async () => {
  const res = await db.collection('counters').where({ _id: 'none' }).updateAndReturn({ n: 1 });
  expect(res).toMatchObject({ updated: 0, doc: null });
});

test('project.slice returns part of an array field', async () => {
  const { data } = await db
    .collection('items')
    .doc('i1')
    .field({ tags: db.command.project.slice(2) })
    .get();
  expect(data).toEqual([{ _id: 'i1', tags: ['a', 'b'] }]);
});

test('all matches arrays holding every listed value', async () => {
  expect(await ids({ tags: db.command.all(['b', 'c']) })).toEqual(['i1', 'i3']);
});

test('mod matches numbers by divisor and remainder', async () => {
  // The SDK's typings declare mod() without its [divisor, remainder] argument.
  const mod = db.command.mod as unknown as (spec: [number, number]) => object;
  expect(await ids({ n: mod([2, 1]) })).toEqual(['i1', 'i3']);
});

test('expr compares two fields of the same document', async () => {
  const $ = db.command.aggregate;
  expect(await ids(db.command.expr($.gt(['$n', '$limit'])))).toEqual(['i1', 'i3']);
});
