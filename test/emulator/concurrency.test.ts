import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();

test('100 concurrent inserts all land', async () => {
  const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);
  await Promise.all(ids.map((id, i) => suite.db.collection('conc').add({ _id: id, i })));
  expect((await suite.db.collection('conc').count()).total).toBe(100);
  const { data } = await suite.db.collection('conc').orderBy('i', 'asc').limit(1000).get();
  expect(data.map((d: { _id: string }) => d._id)).toEqual(ids);
});

test('100 concurrent increments of one document lose no write', async () => {
  await suite.db.collection('counter').add({ _id: 'n', value: 0, seen: [] });
  const _ = suite.db.command;
  await Promise.all(
    Array.from({ length: 100 }, (_unused, i) =>
      suite.db
        .collection('counter')
        .doc('n')
        .update({ value: _.inc(1), seen: _.push([i]) }),
    ),
  );
  const [doc] = (await suite.db.collection('counter').doc('n').get()).data;
  expect(doc.value).toBe(100);
  expect([...doc.seen].sort((a: number, b: number) => a - b)).toEqual(
    Array.from({ length: 100 }, (_unused, i) => i),
  );
});

test('100 concurrent updates of different documents all land', async () => {
  await suite.db
    .collection('many-upd')
    .add(Array.from({ length: 100 }, (_, i) => ({ _id: `m${i}`, done: false })));
  await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      suite.db.collection('many-upd').doc(`m${i}`).update({ done: true }),
    ),
  );
  expect((await suite.db.collection('many-upd').where({ done: true }).count()).total).toBe(100);
});
