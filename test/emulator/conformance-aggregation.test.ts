/**
 * `collection.aggregate()` through @cloudbase/node-sdk: the stages CloudBase documents, the common
 * expression operators, and the server's result limits (20 without a limit stage).
 */
import { ObjectId } from 'bson';
import type { NodeDb } from '../../harness/emulator';
import { emulatorPerFile, postAdmin } from './helpers';

const suite = emulatorPerFile();
let db: NodeDb;

const SCORES = [
  { _id: 's1', cls: 'A', name: 'Ann', score: 90, tags: ['x', 'y'] },
  { _id: 's2', cls: 'A', name: 'Bob', score: 70, tags: ['y'] },
  { _id: 's3', cls: 'B', name: 'Cid', score: 80, tags: [] },
  { _id: 's4', cls: 'B', name: 'Dee', score: 60, tags: ['x'] },
];

beforeAll(async () => {
  db = suite.db;
  await db.collection('scores').add(SCORES);
  await db.collection('classes').add([
    { _id: 'A', teacher: 'Tom' },
    { _id: 'B', teacher: 'Tia' },
  ]);
});

test('match, group with sum and avg, and sort', async () => {
  const $ = db.command.aggregate;
  const { data } = await db
    .collection('scores')
    .aggregate()
    .match({ score: db.command.gte(65) })
    .group({ _id: '$cls', n: $.sum(1), avg: $.avg('$score') })
    .sort({ _id: 1 })
    .end();
  expect(data).toEqual([
    { _id: 'A', n: 2, avg: 80 },
    { _id: 'B', n: 1, avg: 80 },
  ]);
});

test('skip, limit and project with expression operators', async () => {
  const $ = db.command.aggregate;
  const { data } = await db
    .collection('scores')
    .aggregate()
    .sort({ score: -1 })
    .skip(1)
    .limit(2)
    .project({ _id: 0, name: 1, label: $.concat(['$cls', '-', '$name']), pass: $.gte(['$score', 75]) })
    .end();
  expect(data).toEqual([
    { name: 'Cid', label: 'B-Cid', pass: true },
    { name: 'Bob', label: 'A-Bob', pass: false },
  ]);
});

test('addFields computes a field that later stages match on, and count counts what is left', async () => {
  const $ = db.command.aggregate;
  const { data } = await db
    .collection('scores')
    .aggregate()
    .addFields({ bonus: $.add(['$score', 5]) })
    .match({ bonus: db.command.gt(80) })
    .count('high')
    .end();
  expect(data).toEqual([{ high: 2 }]);
});

test('unwind emits one document per array element', async () => {
  const { data } = await db.collection('scores').aggregate().unwind('$tags').project({ tags: 1 }).end();
  expect(data).toEqual([
    { _id: 's1', tags: 'x' },
    { _id: 's1', tags: 'y' },
    { _id: 's2', tags: 'y' },
    { _id: 's4', tags: 'x' },
  ]);
});

test('lookup joins another collection', async () => {
  const { data } = await db
    .collection('scores')
    .aggregate()
    .match({ _id: 's3' })
    .lookup({ from: 'classes', localField: 'cls', foreignField: '_id', as: 'class' })
    .end();
  expect(data).toEqual([{ ...SCORES[2], class: [{ _id: 'B', teacher: 'Tia' }] }]);
});

test('bucket groups by ranges with a default bucket', async () => {
  const $ = db.command.aggregate;
  const { data } = await db
    .collection('scores')
    .aggregate()
    .bucket({ groupBy: '$score', boundaries: [0, 75, 85], default: 'other', output: { n: $.sum(1) } })
    .end();
  // 60 and 70 in [0, 75), 80 in [75, 85), 90 past the last boundary in the default bucket.
  expect(data).toEqual([
    { _id: 0, n: 2 },
    { _id: 75, n: 1 },
    { _id: 'other', n: 1 },
  ]);
});

test('sample returns the requested number of documents of the collection', async () => {
  const { data } = await db.collection('scores').aggregate().sample({ size: 2 }).end();
  expect(data).toHaveLength(2);
  // MongoDB's $sample may repeat a document, so only membership is promised.
  for (const doc of data as Array<{ _id: string }>) expect(SCORES.map((s) => s._id)).toContain(doc._id);
});

test('without a limit stage an aggregation answers at most 20 documents; with one, more', async () => {
  await db.collection('many').add(Array.from({ length: 30 }, (_, i) => ({ i })));
  expect((await db.collection('many').aggregate().match({}).end()).data).toHaveLength(20);
  expect((await db.collection('many').aggregate().match({}).limit(25).end()).data).toHaveLength(25);
});

test('common expression operators: cond, ifNull, size, multiply, toUpper, and group max, min, push, addToSet', async () => {
  const $ = db.command.aggregate;
  const { data } = await db
    .collection('scores')
    .aggregate()
    .project({
      cls: 1,
      score: 1,
      grade: $.cond({ if: $.gte(['$score', 75]), then: 'high', else: 'low' }),
      nick: $.ifNull(['$nick', $.toUpper('$name')]),
      tagCount: $.size('$tags'),
      double: $.multiply(['$score', 2]),
    })
    .group({
      _id: '$cls',
      best: $.max('$double'),
      worst: $.min('$score'),
      nicks: $.push('$nick'),
      grades: $.addToSet('$grade'),
      tags: $.sum('$tagCount'),
    })
    .sort({ _id: 1 })
    .end();
  const sorted = (data as Array<{ grades: string[] }>).map((row) => ({ ...row, grades: row.grades.sort() }));
  expect(sorted).toEqual([
    { _id: 'A', best: 180, worst: 70, nicks: ['ANN', 'BOB'], grades: ['high', 'low'], tags: 3 },
    { _id: 'B', best: 160, worst: 60, nicks: ['CID', 'DEE'], grades: ['high', 'low'], tags: 1 },
  ]);
});

test('an aggregation never answers more than 10000 documents, even with a larger limit stage', async () => {
  await db.collection('huge').add(Array.from({ length: 10_001 }, (_, i) => ({ i })));
  expect((await db.collection('huge').count()).total).toBe(10_001);
  const { data } = await db.collection('huge').aggregate().match({}).limit(20_000).end();
  expect(data).toHaveLength(10_000);
});

test('an unknown stage is refused and names it', async () => {
  const { body } = await postAdmin(suite.emu.url, {
    action: 'database.aggregateDocuments',
    collectionName: 'scores',
    stages: [{ stageKey: '$merge', stageValue: '{"into":"elsewhere"}' }],
  });
  expect(body).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('$merge') });
});

test('lookup joins on ObjectId fields, as the SDK oid tests do', async () => {
  const inviter = new ObjectId().toHexString();
  const invitee = new ObjectId().toHexString();
  await db.collection('users').add({ _id: db.ObjectId({ id: inviter }), name: 'inviter' });
  await db.collection('invites').add({ _id: db.ObjectId({ id: invitee }), by: db.ObjectId({ id: inviter }) });
  const { data } = await db
    .collection('invites')
    .aggregate()
    .lookup({ from: 'users', localField: 'by', foreignField: '_id', as: 'inviter' })
    .end();
  expect(data).toEqual([{ _id: invitee, by: inviter, inviter: [{ _id: inviter, name: 'inviter' }] }]);
});
