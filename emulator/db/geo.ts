/**
 * The geo query operators CloudBase's SDK sends (`geoNear` → `$nearSphere`, `geoWithin` → `$geoWithin`
 * with `$geometry` or `$centerSphere`, `geoIntersects` → `$geoIntersects`), which mingo lacks, added to
 * mingo as query operators and computed by Turf. Turf's predicates are planar and its distances use a
 * sphere of radius 6371008.8 m; MongoDB's 2dsphere index is spherical: the answers agree except within
 * metres of a boundary (see emulator/README.md).
 */
import booleanIntersects from '@turf/boolean-intersects';
import booleanWithin from '@turf/boolean-within';
import distance from '@turf/distance';
import type { Geometry, Point } from 'geojson';
import { Context } from 'mingo';
import type { Options, QueryOperator } from 'mingo/types';
import { CloudCode, CloudError } from '../errors';
import { isPlainRecord, type Plain } from '../ejson';
import { getPath, type Doc } from './paths';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
]);

function bad(message: string): CloudError {
  return new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, message);
}

function geometryOf(value: Plain | undefined): Geometry | undefined {
  if (!isPlainRecord(value) || typeof value.type !== 'string' || !GEOMETRY_TYPES.has(value.type)) return;
  if (!Array.isArray(value.coordinates)) return undefined;
  return value as unknown as Geometry;
}

function pointOf(value: Plain | undefined): Point | undefined {
  const geometry = geometryOf(value);
  return geometry?.type === 'Point' ? geometry : undefined;
}

function requireGeometry(value: Plain | undefined, op: string): Geometry {
  const geometry = geometryOf(value);
  if (!geometry) throw bad(`${op} needs a GeoJSON $geometry`);
  return geometry;
}

type Test = (doc: Doc) => boolean;

function geoWithin(field: string, spec: Plain): Test {
  if (!isPlainRecord(spec)) throw bad('$geoWithin needs {$geometry} or {$centerSphere}');
  if (spec.$centerSphere !== undefined) {
    const [center, radius] = Array.isArray(spec.$centerSphere) ? spec.$centerSphere : [];
    const centre = pointOf({ type: 'Point', coordinates: center ?? null });
    if (!centre || typeof radius !== 'number') throw bad('$centerSphere needs [[lng, lat], radians]');
    return (doc) => {
      const point = pointOf(getPath(doc, field));
      return point !== undefined && distance(point, centre, { units: 'radians' }) <= radius;
    };
  }
  const area = requireGeometry(spec.$geometry, '$geoWithin');
  return (doc) => {
    const geometry = geometryOf(getPath(doc, field));
    return geometry !== undefined && booleanWithin(geometry, area);
  };
}

function geoIntersects(field: string, spec: Plain): Test {
  const shape = requireGeometry(isPlainRecord(spec) ? spec.$geometry : undefined, '$geoIntersects');
  return (doc) => {
    const geometry = geometryOf(getPath(doc, field));
    return geometry !== undefined && booleanIntersects(geometry, shape);
  };
}

interface Near {
  centre: Point;
  min: number;
  max: number;
}

function nearOf(spec: Plain): Near {
  const centre = pointOf(isPlainRecord(spec) ? spec.$geometry : undefined);
  if (!centre || !isPlainRecord(spec)) throw bad('$nearSphere needs a GeoJSON Point $geometry');
  const min = typeof spec.$minDistance === 'number' ? spec.$minDistance : 0;
  const max = typeof spec.$maxDistance === 'number' ? spec.$maxDistance : Infinity;
  return { centre, min, max };
}

function metresFrom(doc: Doc, field: string, centre: Point): number | undefined {
  const point = pointOf(getPath(doc, field));
  return point && distance(point, centre, { units: 'meters' });
}

function nearSphere(field: string, spec: Plain): Test {
  const { centre, min, max } = nearOf(spec);
  return (doc) => {
    const metres = metresFrom(doc, field, centre);
    return metres !== undefined && metres >= min && metres <= max;
  };
}

/** A mingo query operator: `(field, argument) → (document) → matches`; arguments come from decoded EJSON. */
function operator(build: (field: string, spec: Plain) => Test): QueryOperator {
  return (field: string, spec: unknown, _options: Options) => {
    const test = build(field, spec as Plain);
    return (doc: unknown) => test(doc as Doc);
  };
}

export const GEO_CONTEXT = Context.init({
  query: {
    $geoWithin: operator(geoWithin),
    $geoIntersects: operator(geoIntersects),
    $nearSphere: operator(nearSphere),
  },
});

/** `geoNear` answers nearest first, as `$nearSphere` does; undefined when the query has none. */
export function nearestFirst(query: Record<string, Plain>): ((docs: Doc[]) => Doc[]) | undefined {
  const entry = Object.entries(query).find(([, value]) => isPlainRecord(value) && '$nearSphere' in value);
  if (!entry) return undefined;
  const [field, value] = entry;
  const { centre } = nearOf((value as Record<string, Plain>).$nearSphere ?? null);
  return (docs) => {
    const keyed = docs.map((doc) => ({ doc, metres: metresFrom(doc, field, centre) ?? Infinity }));
    return keyed.sort((a, b) => a.metres - b.metres).map((item) => item.doc);
  };
}
