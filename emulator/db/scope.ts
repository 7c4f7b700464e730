/**
 * Where a request reads and writes: the database itself, or one open transaction (the request carries a
 * `transactionId`). The document actions are written once, against this.
 */
import { invalidParam } from '../errors';
import { isDocId } from './doc-id';
import type { Doc } from './paths';
import type { RawQuery } from './query';
import type { Change, DocumentStore } from './store';
import type { Transactions } from './transactions';

export interface Scope {
  /** The documents a query could match (the caller filters them): one by `_id`, or the collection. */
  candidates(collection: string, query: RawQuery): Doc[];
  /** Applies the changes now (all or none); resolves once they are durable (or staged). */
  write(changes: Change[]): Promise<void>;
}

export function directScope(store: DocumentStore): Scope {
  return {
    candidates(collection, query) {
      const id = query._id;
      if (isDocId(id)) {
        const doc = store.get(collection, id);
        return doc ? [doc] : [];
      }
      return store.documents(collection);
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
    candidates(collection, query) {
      const id = query._id;
      if (!isDocId(id)) throw invalidParam('inside a transaction, queries must name one document by _id');
      const doc = transaction.read(collection, id);
      return doc ? [doc] : [];
    },
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
