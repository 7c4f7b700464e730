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

test('concurrent updateAndReturn increments each answer their own count', async () => {
  await db.collection('counters').add({ _id: 'race', n: 0 });
  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      db
        .collection('counters')
        .where({ _id: 'race' })
        .updateAndReturn({ n: db.command.inc(1) }),
    ),
  );
  const counts = answers.map((res) => (res.doc as { n: number }).n).sort((a, b) => a - b);
  expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
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

/** The SDK's typings (its `GeoTeyp`) list only Point; LineString and Polygon exist at runtime. */
type GeoClass = new (...args: unknown[]) => object;
const geo = () => db.Geo as unknown as Record<'Point' | 'LineString' | 'Polygon', GeoClass>;

describe('geo queries', () => {
  beforeAll(async () => {
    const { Point } = db.Geo;
    await db.collection('places').add([
      { _id: 'near', at: new Point(116.4, 39.9) },
      { _id: 'mid', at: new Point(116.5, 39.9) },
      { _id: 'far', at: new Point(121.47, 31.23) },
    ]);
  });

  async function placeIds(query: object): Promise<string[]> {
    const { data } = await db.collection('places').where(query).get();
    return (data as Array<{ _id: string }>).map((doc) => doc._id);
  }

  test('geoNear answers the points within the distance, nearest first', async () => {
    const geometry = new db.Geo.Point(116.52, 39.9);
    expect(await placeIds({ at: db.command.geoNear({ geometry, maxDistance: 20_000 }) })).toEqual([
      'mid',
      'near',
    ]);
  });

  test('geoWithin a polygon answers the points inside it', async () => {
    const { Point, LineString, Polygon } = geo();
    const ring = [
      new Point(116, 39.5),
      new Point(117, 39.5),
      new Point(117, 40.5),
      new Point(116, 40.5),
      new Point(116, 39.5),
    ];
    const geometry = new Polygon([new LineString(ring)]);
    expect(await placeIds({ at: db.command.geoWithin({ geometry }) })).toEqual(['near', 'mid']);
  });

  test('geoWithin a centre sphere answers the points within the radius', async () => {
    const centerSphere = [new db.Geo.Point(116.4, 39.9), 5000 / 6378100];
    expect(await placeIds({ at: db.command.geoWithin({ centerSphere }) })).toEqual(['near']);
  });

  test('geoIntersects answers the points on a line', async () => {
    const { Point, LineString } = geo();
    const geometry = new LineString([new Point(121.47, 30), new Point(121.47, 32)]);
    expect(await placeIds({ at: db.command.geoIntersects({ geometry }) })).toEqual(['far']);
  });
});
