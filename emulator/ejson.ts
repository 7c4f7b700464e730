/**
 * EJSON at the wire edge. Both SDKs send documents, queries and updates as EJSON strings made with
 * `relaxed: false` and expect EJSON strings back, so typed values (Dates, int/double) survive the trip.
 */
import { EJSON, ObjectId } from 'bson';
import { invalidParam } from './errors';

export type Plain =
  null | boolean | number | string | Date | RegExp | ObjectId | Plain[] | { [key: string]: Plain };

/** Where a decoded value will be used: documents may not hold regular expressions, queries may. */
export type DecodeMode = 'document' | 'query';

interface BsonTyped {
  _bsontype: string;
}

interface BsonRegExpLike extends BsonTyped {
  pattern: string;
  options: string;
}

function isBsonTyped(value: object): value is BsonTyped {
  return typeof (value as Partial<BsonTyped>)._bsontype === 'string';
}

function toRegExp(value: BsonRegExpLike): RegExp {
  // MongoDB options i, m, s, u map to JS flags; others (x, l) have no JS meaning.
  const flags = [...value.options].filter((f) => 'imsu'.includes(f)).join('');
  try {
    return new RegExp(value.pattern, flags);
  } catch (err) {
    throw invalidParam(`bad regular expression /${value.pattern}/: ${(err as Error).message}`);
  }
}

/** `db.serverDate({offset})` arrives as `{$tcb_server_date: {offset}}`; the server stamps its own clock. */
function serverDateOf(value: Record<string, unknown>, now: number): Date | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== '$tcb_server_date') return undefined;
  const spec = value.$tcb_server_date as { offset?: unknown } | null;
  const offset = spec && typeof spec.offset === 'number' ? spec.offset : 0;
  return new Date(now + offset);
}

function normalizeObject(value: object, mode: DecodeMode, now: number): Plain {
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((item) => normalize(item, mode, now));
  if (value instanceof ObjectId) return value;
  if (isBsonTyped(value)) {
    if (value._bsontype === 'BSONRegExp' && mode === 'query') return toRegExp(value as BsonRegExpLike);
    throw invalidParam(`unsupported value type in ${mode}: ${value._bsontype}`);
  }
  const record = value as Record<string, unknown>;
  const stamped = serverDateOf(record, now);
  if (stamped) return stamped;
  const out: Record<string, Plain> = {};
  for (const [key, item] of Object.entries(record)) out[key] = normalize(item, mode, now);
  return out;
}

function normalize(value: unknown, mode: DecodeMode, now: number): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return normalizeObject(value, mode, now);
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
  throw invalidParam(`unsupported value of type ${typeof value} in ${mode}`);
}

/** Parses one EJSON string field of a request; a malformed string names the field it came from. */
export function decodeEjson(text: unknown, field: string, mode: DecodeMode, now = Date.now()): Plain {
  if (typeof text !== 'string') throw invalidParam(`${field} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (err) {
    throw invalidParam(`bad EJSON in ${field}: ${(err as Error).message}`);
  }
  return normalize(parsed, mode, now);
}

/** Like decodeEjson, but the result must be a JSON object (a document, a query, an update). */
export function decodeEjsonObject(
  text: unknown,
  field: string,
  mode: DecodeMode,
  now = Date.now(),
): Record<string, Plain> {
  const value = decodeEjson(text, field, mode, now);
  if (!isPlainRecord(value)) throw invalidParam(`${field} must encode an object`);
  return value;
}

export function isPlainRecord(value: unknown): value is Record<string, Plain> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    !(value instanceof ObjectId)
  );
}

/**
 * ObjectIds go out as their 24 hex characters: the SDK's result formatting turns a BSON ObjectId into `{}`,
 * and its own tests (test/database/unit/oid.test.ts) expect the hex string back from the real service.
 */
function objectIdsAsHex(value: unknown): unknown {
  if (value instanceof ObjectId) return value.toHexString();
  if (Array.isArray(value)) return value.map(objectIdsAsHex);
  if (!isPlainRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = objectIdsAsHex(item);
  return out;
}

/** A document or result as the SDKs expect it in an answer. */
export function encodeEjson(value: unknown): string {
  return EJSON.stringify(objectIdsAsHex(value) as Record<string, unknown>, { relaxed: false });
}
