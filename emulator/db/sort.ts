/**
 * Sorting in MongoDB's BSON order with mingo's own comparison, through the array's native sort: mingo's
 * `$sort` stage builds hash groups per value and is several times slower on a 10,000-document scan.
 */
import { compare, resolve } from 'mingo/util';
import type { Plain } from '../ejson';
import type { Doc } from './paths';

export type SortSpec = Record<string, 1 | -1>;

export function compareValues(a: Plain | undefined, b: Plain | undefined): number {
  return compare(a, b);
}

export function sortDocuments<T extends Doc>(docs: T[], spec: SortSpec): T[] {
  const keys = Object.entries(spec);
  return [...docs].sort((a, b) => {
    for (const [field, dir] of keys) {
      const order = compare(resolve(a, field), resolve(b, field));
      if (order !== 0) return order * dir;
    }
    return 0;
  });
}
