import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();

test('add() stores the document and doc().get() returns it with its typed values', async () => {
  const when = new Date('2024-05-01T10:00:00.000Z');
  const { id } = await suite.db
    .collection('docs')
    .add({ title: 'hello', count: 3, ratio: 0.5, when, nested: { ok: true } });
  const { data } = await suite.db
    .collection('docs')
    .doc(id as string)
    .get();
  expect(data).toEqual([{ _id: id, title: 'hello', count: 3, ratio: 0.5, when, nested: { ok: true } }]);
  expect(data[0].when).toBeInstanceOf(Date);
});

test('add() with an explicit _id keeps it', async () => {
  const { id } = await suite.db.collection('docs').add({ _id: 'my-id-1', v: 1 });
  expect(id).toBe('my-id-1');
  expect((await suite.db.collection('docs').doc('my-id-1').get()).data).toEqual([{ _id: 'my-id-1', v: 1 }]);
});

test('add() of an array inserts every document', async () => {
  const res = (await suite.db.collection('batch').add([{ n: 1 }, { n: 2 }])) as { ids?: string[] };
  expect(res.ids).toHaveLength(2);
  expect((await suite.db.collection('batch').count()).total).toBe(2);
});

test('a duplicate _id is rejected and the original is untouched', async () => {
  await suite.db.collection('dupes').add({ _id: 'same', v: 'first' });
  await expect(suite.db.collection('dupes').add({ _id: 'same', v: 'second' })).rejects.toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
    message: expect.stringContaining('duplicate key'),
  });
  expect((await suite.db.collection('dupes').doc('same').get()).data).toEqual([{ _id: 'same', v: 'first' }]);
});

test('a missing document comes back as an empty list', async () => {
  expect((await suite.db.collection('docs').doc('no-such-doc').get()).data).toEqual([]);
});

test('suite.db.serverDate() is replaced by the server clock', async () => {
  const before = Date.now();
  const { id } = await suite.db
    .collection('stamps')
    .add({ at: suite.db.serverDate(), later: suite.db.serverDate({ offset: 60000 }) });
  const [doc] = (
    await suite.db
      .collection('stamps')
      .doc(id as string)
      .get()
  ).data;
  expect(doc.at).toBeInstanceOf(Date);
  expect(doc.at.getTime()).toBeGreaterThanOrEqual(before);
  expect(doc.later.getTime() - doc.at.getTime()).toBe(60000);
});

describe('listing', () => {
  beforeAll(async () => {
    await suite.db.collection('list').add(
      Array.from({ length: 30 }, (_, i) => ({
        _id: `d${String(i).padStart(2, '0')}`,
        i,
        odd: i % 2 === 1,
        extra: 'x',
      })),
    );
  });

  test('orderBy, skip and limit page through the matches', async () => {
    const { data } = await suite.db
      .collection('list')
      .where({ odd: true })
      .orderBy('i', 'desc')
      .skip(2)
      .limit(3)
      .get();
    expect(data.map((d: { i: number }) => d.i)).toEqual([25, 23, 21]);
  });

  test('field() returns only the projected fields', async () => {
    const { data } = await suite.db.collection('list').where({ i: 4 }).field({ i: true }).get();
    expect(data).toEqual([{ _id: 'd04', i: 4 }]);
  });

  test('count() counts the matches', async () => {
    expect((await suite.db.collection('list').where({ odd: false }).count()).total).toBe(15);
  });
});

test('get() without limit returns at most 100 and limit is capped at 1000', async () => {
  await suite.db.collection('many').add(Array.from({ length: 1100 }, (_, i) => ({ i })));
  expect((await suite.db.collection('many').get()).data).toHaveLength(100);
  expect((await suite.db.collection('many').limit(5000).get()).data).toHaveLength(1000);
});

test('doc().remove() deletes one document and where().remove() deletes all matches', async () => {
  await suite.db.collection('rm').add([
    { _id: 'a', k: 1 },
    { _id: 'b', k: 2 },
    { _id: 'c', k: 2 },
  ]);
  expect((await suite.db.collection('rm').doc('a').remove()).deleted).toBe(1);
  expect((await suite.db.collection('rm').where({ k: 2 }).remove()).deleted).toBe(2);
  expect((await suite.db.collection('rm').count()).total).toBe(0);
});
