import type { NodeDb } from '../../harness/emulator';
import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();
let db: NodeDb;
let _: NodeDb['command'];

beforeAll(async () => {
  db = suite.db;
  _ = db.command;
  await db.collection('people').add([
    { _id: 'ann', name: 'Ann', age: 30, tags: ['a', 'b'], address: { city: 'Paris' }, nick: 'annie' },
    { _id: 'bob', name: 'Bob', age: 20, tags: ['b'], address: { city: 'Berlin' } },
    { _id: 'cid', name: 'Cid', age: 40, tags: [], address: { city: 'Paris' }, nick: null },
    { _id: 'dee', name: 'dee', age: 25, tags: ['c'], address: { city: 'Rome' } },
  ]);
});

async function ids(query: object): Promise<string[]> {
  const { data } = await db.collection('people').where(query).orderBy('_id', 'asc').get();
  return data.map((d: { _id: string }) => d._id);
}

test('eq matches the equal value and neq every document whose field differs', async () => {
  expect(await ids({ age: _.eq(30) })).toEqual(['ann']);
  expect(await ids({ age: _.neq(30) })).toEqual(['bob', 'cid', 'dee']);
});

test('gt, gte, lt and lte select by order, bounds excluded or included', async () => {
  expect(await ids({ age: _.gt(25) })).toEqual(['ann', 'cid']);
  expect(await ids({ age: _.gte(25) })).toEqual(['ann', 'cid', 'dee']);
  expect(await ids({ age: _.lt(25) })).toEqual(['bob']);
  expect(await ids({ age: _.lte(25) })).toEqual(['bob', 'dee']);
});

test('in matches any listed value and nin none of them', async () => {
  expect(await ids({ name: _.in(['Ann', 'Bob']) })).toEqual(['ann', 'bob']);
  expect(await ids({ name: _.nin(['Ann', 'Bob']) })).toEqual(['cid', 'dee']);
});

test('exists tells documents with the field from those without', async () => {
  expect(await ids({ nick: _.exists(true) })).toEqual(['ann', 'cid']);
  expect(await ids({ nick: _.exists(false) })).toEqual(['bob', 'dee']);
});

test('and on one field, or and nor across documents', async () => {
  expect(await ids({ age: _.gt(20).and(_.lt(40)) })).toEqual(['ann', 'dee']);
  expect(await ids(_.or([{ age: 20 }, { name: 'dee' }]))).toEqual(['bob', 'dee']);
  expect(await ids(_.nor([{ age: 20 }, { name: 'dee' }]))).toEqual(['ann', 'cid']);
  expect(await ids(_.and([{ age: _.gt(20) }, { 'address.city': 'Paris' }]))).toEqual(['ann', 'cid']);
});

test('regular expressions, as literals and as db.RegExp', async () => {
  expect(await ids({ name: /^d/ })).toEqual(['dee']);
  expect(await ids({ name: /^D/i })).toEqual(['dee']);
  expect(await ids({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) })).toEqual(['ann', 'bob']);
});

test('dotted paths and nested objects reach inside documents', async () => {
  expect(await ids({ 'address.city': 'Paris' })).toEqual(['ann', 'cid']);
  expect(await ids({ address: { city: 'Rome' } })).toEqual(['dee']);
});

test('a value matches an array field when any element equals it', async () => {
  expect(await ids({ tags: 'b' })).toEqual(['ann', 'bob']);
  expect(await ids({ tags: _.in(['c', 'x']) })).toEqual(['dee']);
  expect(await ids({ tags: _.size(0) })).toEqual(['cid']);
});

test('all matches array fields holding every listed value', async () => {
  expect(await ids({ tags: _.all(['a', 'b']) })).toEqual(['ann']);
});
