/**
 * One collection in memory: its documents in natural (insertion) order, the unique indexes it enforces,
 * and the declared indexes that answer queries (equality on a field, order by a field). Every change goes
 * through `apply`, so the indexes never disagree with the documents.
 */
import { FieldIndex, type IndexedValue, type Lookup } from './field-index';
import type { Doc } from './paths';
import { SortedIndex, type Placed } from './sorted-index';
import { UniqueIndex } from './unique-index';

export class CollectionData {
  private readonly docs = new Map<string, Placed>();
  private readonly unique: UniqueIndex[];
  private readonly equality = new Map<string, FieldIndex>();
  private readonly sorted = new Map<string, SortedIndex>();
  /** The next document's position in natural order; an update keeps its document's position. */
  private nextSeq = 0;

  /** `indexedPaths`: the fields whose declared indexes answer queries (`_id` and each index's first field). */
  constructor(uniqueFields: string[][], indexedPaths: string[]) {
    this.unique = uniqueFields.map((fields) => new UniqueIndex(fields));
    for (const path of indexedPaths) {
      this.equality.set(path, new FieldIndex(path));
      this.sorted.set(path, new SortedIndex(path));
    }
  }

  get size(): number {
    return this.docs.size;
  }

  get(key: string): Doc | undefined {
    return this.docs.get(key)?.doc;
  }

  /** The documents in natural order. */
  *documents(): Generator<Doc> {
    for (const placed of this.docs.values()) yield placed.doc;
  }

  /** The documents with their store keys, in natural order. */
  *entries(): Generator<[string, Doc]> {
    for (const [key, placed] of this.docs) yield [key, placed.doc];
  }

  /** The given documents (by store key; unknown ones left out), in natural order. */
  inNaturalOrder(keys: string[]): Array<[string, Doc]> {
    const found: Array<[string, Placed]> = [];
    for (const key of keys) {
      const placed = this.docs.get(key);
      if (placed) found.push([key, placed]);
    }
    return found.sort((a, b) => a[1].seq - b[1].seq).map(([key, placed]) => [key, placed.doc]);
  }

  /** "Holds one of `values` at `path`" per document, when `path` has an equality index. */
  lookup(path: string, values: IndexedValue[]): Lookup | undefined {
    return this.equality.get(path)?.lookup(values);
  }

  /** Store keys ordered by `path` (ties in natural order), when `path` has an index that can order them. */
  ordered(path: string, direction: 1 | -1): Iterable<string> | undefined {
    return this.sorted.get(path)?.walk(direction, () => this.docs);
  }

  /** Applies one change; a unique-index violation throws and leaves this collection as it was. */
  apply(key: string, doc: Doc | null): Doc | null {
    const before = this.docs.get(key);
    const after = doc === null ? undefined : { doc, seq: before ? before.seq : this.nextSeq++ };
    this.checkUnique(key, before?.doc, after?.doc);
    this.reindex(key, before, after);
    if (after) this.docs.set(key, after);
    else this.docs.delete(key);
    return before ? before.doc : null;
  }

  /** Moves `key` in every unique index, or in none when one refuses. */
  private checkUnique(key: string, before: Doc | undefined, after: Doc | undefined): void {
    const done: UniqueIndex[] = [];
    try {
      for (const index of this.unique) {
        index.replace(key, before, after);
        done.push(index);
      }
    } catch (err) {
      for (const index of done) index.replace(key, after, before);
      throw err;
    }
  }

  private reindex(key: string, before: Placed | undefined, after: Placed | undefined): void {
    for (const index of this.equality.values()) index.replace(key, after?.doc);
    for (const index of this.sorted.values()) index.replace(key, before, after);
  }
}
