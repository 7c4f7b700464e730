/** `order`, `offset`, `limit` and `projection` of a `database.getDocument` request, checked. */
import { decodeEjson, decodeEjsonObject, isPlainRecord, type Plain } from '../ejson';
import { invalidParam } from '../errors';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface ReadOptions {
  sort?: Record<string, 1 | -1>;
  skip: number;
  limit: number;
  /** `0`/`1` per field, or a projection operator (`$slice`, `$elemMatch`) that mingo applies. */
  projection?: Record<string, Plain>;
}

function integerField(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidParam(`${name} must be a non-negative integer`);
  }
  return value;
}

function direction(value: unknown, field: string): 1 | -1 {
  if (value === 1 || value === 'asc') return 1;
  if (value === -1 || value === 'desc') return -1;
  throw invalidParam(`bad order direction for ${field}`);
}

/** The SDK sends `{field: 1|-1}`; older SDKs sent `[{field, direction}]`. */
function parseOrder(text: unknown): Record<string, 1 | -1> | undefined {
  if (text === undefined) return undefined;
  const order = decodeEjson(text, 'order', 'document');
  const sort: Record<string, 1 | -1> = {};
  if (Array.isArray(order)) {
    for (const item of order) {
      if (!isPlainRecord(item) || typeof item.field !== 'string') throw invalidParam('bad order item');
      sort[item.field] = direction(item.direction, item.field);
    }
  } else if (isPlainRecord(order)) {
    for (const [field, dir] of Object.entries(order)) sort[field] = direction(dir, field);
  } else {
    throw invalidParam('order must encode an object');
  }
  return sort;
}

const PROJECTION_OPERATORS = new Set(['$slice', '$elemMatch']);

function isProjectionOperator(value: Plain): boolean {
  if (!isPlainRecord(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && PROJECTION_OPERATORS.has(keys[0] ?? '');
}

function parseProjection(text: unknown): Record<string, Plain> | undefined {
  if (text === undefined) return undefined;
  const projection: Record<string, Plain> = {};
  for (const [field, value] of Object.entries(decodeEjsonObject(text, 'projection', 'query'))) {
    if (isProjectionOperator(value)) {
      projection[field] = value;
    } else if (value === 0 || value === 1 || typeof value === 'boolean') {
      projection[field] = value === 1 || value === true ? 1 : 0;
    } else {
      throw invalidParam(`projection of ${field} must be 0/1, $slice or $elemMatch`);
    }
  }
  return Object.keys(projection).length > 0 ? projection : undefined;
}

export function parseReadOptions(body: Record<string, unknown>): ReadOptions {
  const limit = integerField(body.limit, 'limit', DEFAULT_LIMIT);
  return {
    sort: parseOrder(body.order),
    skip: integerField(body.offset, 'offset', 0),
    limit: Math.min(limit === 0 ? DEFAULT_LIMIT : limit, MAX_LIMIT),
    projection: parseProjection(body.projection),
  };
}
