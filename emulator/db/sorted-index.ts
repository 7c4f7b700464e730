/**
 * A single-field index kept in sort order, so a query sorted by that field reads documents in order and
 * stops after its page instead of sorting every match. Entries are ordered by mingo's BSON comparison of
 * the value the scan's sort resolves, then by natural (insertion) order: exactly the order a stable sort
 * of the collection gives, ties included, in both directions. A document whose value is an array or an
 * object (MongoDB sorts those by their smallest/largest element) makes the index step aside.
 */
import { compare, resolve } from 'mingo/util';
import type { Plain } from '../ejson';
import type { Doc } from './paths';

/** A document and its position in natural order. */
export interface Placed {
  doc: Doc;
  seq: number;
}

interface Entry {
  value: Plain | undefined;
  /** The document's position in natural order. */
  seq: number;
  key: string;
}

function orderOf(a: Entry, b: Entry): number {
  return compare(a.value, b.value) || a.seq - b.seq;
}

/** Values mingo's comparison orders totally: by type, then by value (no arrays, objects, ids or NaN). */
function isOrderable(value: Plain | undefined): boolean {
  if (value === undefined || value === null || value instanceof Date) return true;
  if (typeof value === 'number') return !Number.isNaN(value);
  return typeof value === 'string' || typeof value === 'boolean';
}

export class SortedIndex {
  private entries: Entry[] = [];
  /** Built on the first walk (one sort), then kept up to date: loading a big log costs no index upkeep. */
  private built = false;
  /** Documents holding a value the index cannot order; they are kept out of `entries`. */
  private readonly unorderable = new Set<string>();

  constructor(readonly path: string) {}

  /** Moves `key` from its old version and position to its new one (either may be absent). */
  replace(key: string, before: Placed | undefined, after: Placed | undefined): void {
    if (!this.built) return;
    if (before) this.remove(this.entryOf(key, before));
    if (after) this.insert(this.entryOf(key, after));
  }

  /**
   * Store keys in `direction` order, ties in natural order (as a stable sort gives them), or undefined
   * when some document holds a value the index cannot order. `all` is the collection, for the first walk.
   */
  walk(direction: 1 | -1, all: () => Iterable<[string, Placed]>): Iterable<string> | undefined {
    if (!this.built) this.build(all());
    if (this.unorderable.size > 0) return undefined;
    return direction === 1 ? this.ascending() : this.descending();
  }

  private entryOf(key: string, placed: Placed): Entry {
    return { value: resolve(placed.doc, this.path) as Plain | undefined, seq: placed.seq, key };
  }

  private build(all: Iterable<[string, Placed]>): void {
    const entries: Entry[] = [];
    for (const [key, placed] of all) {
      const entry = this.entryOf(key, placed);
      if (isOrderable(entry.value)) entries.push(entry);
      else this.unorderable.add(key);
    }
    this.entries = entries.sort(orderOf);
    this.built = true;
  }

  private *ascending(): Generator<string> {
    for (const entry of this.entries) yield entry.key;
  }

  /** Groups of equal values from the largest down, each group in natural order. */
  private *descending(): Generator<string> {
    let end = this.entries.length;
    while (end > 0) {
      const last = this.entries[end - 1] as Entry;
      let start = end - 1;
      while (start > 0 && compare((this.entries[start - 1] as Entry).value, last.value) === 0) start -= 1;
      for (let i = start; i < end; i += 1) yield (this.entries[i] as Entry).key;
      end = start;
    }
  }

  /** The first position whose entry is not before `entry`. */
  private position(entry: Entry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (orderOf(this.entries[middle] as Entry, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private insert(entry: Entry): void {
    if (!isOrderable(entry.value)) this.unorderable.add(entry.key);
    else this.entries.splice(this.position(entry), 0, entry);
  }

  private remove(entry: Entry): void {
    if (!isOrderable(entry.value)) {
      this.unorderable.delete(entry.key);
      return;
    }
    const at = this.position(entry);
    if (this.entries[at]?.key === entry.key) this.entries.splice(at, 1);
  }
}
