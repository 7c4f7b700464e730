/** Matching one array item against a condition, for `$pull` (which removes the items that match). */
import { isPlainRecord, type Plain } from '../ejson';
import { deepEqual } from './paths';
import { compileQuery, matches } from './query';

function isOperatorObject(value: Plain): boolean {
  return isPlainRecord(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

export function matchesCondition(item: Plain, condition: Plain): boolean {
  if (isOperatorObject(condition)) return matches(compileQuery({ v: condition }), { v: item });
  // `pull({a: 1})` removes the object items whose field a is 1, whatever else they hold.
  if (isPlainRecord(condition) && isPlainRecord(item)) return matches(compileQuery(condition), item);
  if (condition instanceof RegExp) return typeof item === 'string' && condition.test(item);
  return deepEqual(item, condition);
}
