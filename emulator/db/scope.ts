/**
 * Where a request reads and writes: the database itself, or one open transaction (the request carries a
 * `transactionId`). The document actions are written once, against this.
 */
import { invalidParam } from '../errors';
import { isDocId, type DocId } from './doc-id';
import type { Doc } from './paths';
import { matches } from './query';
import { selectDocuments, selectInIndexOrder, type Selection } from './select';
import type { SortSpec } from './sort';
import type { Change, DocumentStore } from './store';
import type { Transactions } from './transactions';

export interface Scope {
  /** The document with this `_id`, if any. */
  get(collection: string, id: DocId): Doc | undefined;
  /** The documents the selection matches, in natural order; the first only unless `multi`. */
  select(collection: string, selection: Selection, multi: boolean): Doc[];
  /** The first `count` matches in `sort` order when an index can give them so; undefined means sort them. */
  selectSorted(collection: string, selection: Selection, sort: SortSpec, count: number): Doc[] | undefined;
  /** Applies the changes now (all or none); resolves once they are durable (or staged). */
  write(changes: Change[]): Promise<void>;
}

/** One document by `_id` (the primary key), tested against the rest of the query. */
function byId(doc: Doc | undefined, selection: Selection): Doc[] {
  return doc && matches(selection.query, doc) ? [doc] : [];
}

export function directScope(store: DocumentStore): Scope {
  return {
    get: (collection, id) => store.get(collection, id),
    select(collection, selection, multi) {
      const id = selection.raw._id;
      if (isDocId(id)) return byId(store.get(collection, id), selection);
      return selectDocuments(store.collectionData(collection), selection, multi);
    },
    selectSorted(collection, selection, sort, count) {
      if (isDocId(selection.raw._id)) return undefined;
      return selectInIndexOrder(store.collectionData(collection), selection, sort, count);
    },
    write: (changes) => store.commit(changes),
  };
}

/**
 * Inside a transaction CloudBase works on single documents (`doc(id)`, `add`); the emulator refuses a
 * query that does not name one `_id` rather than guess how the server would scan a snapshot.
 */
export function transactionScope(transactions: Transactions, transactionId: unknown): Scope {
  const transaction = transactions.get(transactionId);
  return {
    get: (collection, id) => transaction.read(collection, id),
    select(collection, selection) {
      const id = selection.raw._id;
      if (!isDocId(id)) throw invalidParam('inside a transaction, queries must name one document by _id');
      return byId(transaction.read(collection, id), selection);
    },
    selectSorted: () => undefined,
    write(changes) {
      transactions.stage(transaction, changes);
      return Promise.resolve();
    },
  };
}

export function scopeOf(
  store: DocumentStore,
  transactions: Transactions,
  body: Record<string, unknown>,
): Scope {
  if (body.transactionId === undefined || body.transactionId === null) return directScope(store);
  return transactionScope(transactions, body.transactionId);
}
