/** Document ids as CloudBase accepts them (strings, numbers, ObjectIds) and the map key each one gets. */
import { ObjectId } from 'bson';
import { randomBytes } from 'node:crypto';
import { invalidParam } from '../errors';
import type { Plain } from '../ejson';

export type DocId = string | number | ObjectId;

export function isDocId(value: Plain | undefined): value is DocId {
  return (
    (typeof value === 'string' && value !== '') || typeof value === 'number' || value instanceof ObjectId
  );
}

/** A new document's id: CloudBase generates 32 hex characters when the caller gives none. */
export function checkDocId(id: Plain | undefined): DocId {
  if (id === undefined) return randomBytes(16).toString('hex');
  if (isDocId(id)) return id;
  throw invalidParam('_id must be a non-empty string, a number or an ObjectId');
}

/** Distinct ids get distinct keys: the string "1", the number 1 and an ObjectId never collide. */
export function keyOf(id: DocId): string {
  if (typeof id === 'string') return `s:${id}`;
  if (typeof id === 'number') return `n:${id}`;
  return `o:${id.toHexString()}`;
}
