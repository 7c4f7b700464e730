/**
 * `$push`'s `$sort` modifier: `1`/`-1` sorts the items themselves, `{field: ±1}` sorts documents by fields,
 * in MongoDB's BSON order (mingo's comparison).
 */
import { CloudCode, CloudError } from '../errors';
import { isPlainRecord, type Plain } from '../ejson';
import type { Doc } from './paths';
import { compareValues, sortDocuments } from './sort';

function bad(message: string): CloudError {
  return new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, message);
}

function direction(value: Plain): 1 | -1 {
  if (value === 1 || value === -1) return value;
  throw bad('$sort directions must be 1 or -1');
}

export function sortPushed(list: Plain[], spec: Plain): Plain[] {
  if (isPlainRecord(spec)) {
    if (!list.every((item) => isPlainRecord(item))) throw bad('$sort by fields needs an array of documents');
    const order = Object.fromEntries(Object.entries(spec).map(([field, dir]) => [field, direction(dir)]));
    return sortDocuments(list as Doc[], order);
  }
  const dir = direction(spec);
  return [...list].sort((a, b) => compareValues(a, b) * dir);
}
