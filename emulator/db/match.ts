/** Matching one value against a query condition, for `$pull` (which removes the array items that match). */
import model from '@seald-io/nedb/lib/model';
import { isPlainRecord, type Plain } from '../ejson';
import { deepEqual } from './paths';
import { translateQuery } from './query';

function isOperatorObject(value: Plain): boolean {
  return isPlainRecord(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

export function matchesCondition(item: Plain, condition: Plain): boolean {
  if (isOperatorObject(condition)) {
    return model.match({ v: item }, translateQuery({ v: condition }));
  }
  // `pull({a: 1})` removes the object items whose field a is 1, whatever else they hold.
  if (isPlainRecord(condition) && isPlainRecord(item)) return model.match(item, translateQuery(condition));
  if (condition instanceof RegExp) return typeof item === 'string' && condition.test(item);
  return deepEqual(item, condition);
}
