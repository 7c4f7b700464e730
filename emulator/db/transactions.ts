/**
 * CloudBase transactions (MongoDB's, underneath): reads see the database as it was when the transaction
 * started (snapshot), writes stay private until commit, and a write to a document that another open
 * transaction wrote, or that anyone changed since the snapshot, aborts with DATABASE_TRANSACTION_CONFLICT
 * (first writer wins). Commit re-checks, then applies every write as one store commit: one log line, so
 * `kill -9` leaves all of it or none. Wording and the 30 s lifetime follow @cloudbase/node-sdk's own tests.
 */
import { randomBytes } from 'node:crypto';
import { CloudCode, CloudError } from '../errors';
import type { DocId } from './doc-id';
import type { Doc } from './paths';
import type { Change, DocumentStore } from './store';

export const TRANSACTION_TTL_MS = 30_000;

const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

export class Transaction {
  readonly id = randomBytes(16).toString('hex');
  readonly startedAt = Date.now();
  readonly snapshot: number;
  /** Staged writes by version key, in the order they were made. */
  readonly writes = new Map<string, Change>();
  private readonly store: DocumentStore;

  constructor(store: DocumentStore) {
    this.store = store;
    this.snapshot = store.versions.openSnapshot();
  }

  /** The document as this transaction sees it: its own write, else the snapshot. */
  read(collection: string, id: DocId): Doc | undefined {
    const key = this.store.versionKey(collection, id);
    const own = this.writes.get(key);
    if (own) return own.doc ?? undefined;
    return this.store.versions.at(key, this.snapshot, this.store.get(collection, id));
  }

  changedSinceSnapshot(key: string): boolean {
    return this.store.versions.changedSince(key, this.snapshot);
  }
}

export class Transactions {
  private readonly store: DocumentStore;
  private readonly open = new Map<string, Transaction>();
  /** Version key → the transaction that has written it and not yet ended. */
  private readonly locks = new Map<string, Transaction>();

  constructor(store: DocumentStore) {
    this.store = store;
  }

  start(): Transaction {
    this.expireOld();
    const transaction = new Transaction(this.store);
    this.open.set(transaction.id, transaction);
    return transaction;
  }

  /** An open transaction; unknown, ended and expired ones are DATABASE_TRANSACTION_FAIL. */
  get(id: unknown): Transaction {
    const transaction = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!transaction) throw new CloudError(CloudCode.DATABASE_TRANSACTION_FAIL, NOT_EXIST);
    if (Date.now() - transaction.startedAt > TRANSACTION_TTL_MS) {
      this.end(transaction);
      throw new CloudError(CloudCode.DATABASE_TRANSACTION_FAIL, NOT_EXIST);
    }
    return transaction;
  }

  /** Stages writes; a conflicting one aborts the whole transaction, as MongoDB does. */
  stage(transaction: Transaction, changes: Change[]): void {
    for (const change of changes) {
      const key = this.store.versionKey(change.collection, change.id);
      const holder = this.locks.get(key);
      if ((holder && holder !== transaction) || transaction.changedSinceSnapshot(key)) {
        this.end(transaction);
        throw new CloudError(CloudCode.DATABASE_TRANSACTION_CONFLICT, CONFLICT);
      }
    }
    for (const change of changes) {
      const key = this.store.versionKey(change.collection, change.id);
      transaction.writes.set(key, change);
      this.locks.set(key, transaction);
    }
  }

  async commit(id: unknown): Promise<void> {
    const transaction = this.get(id);
    const changes = [...transaction.writes.values()];
    const conflict = [...transaction.writes.keys()].some((key) => transaction.changedSinceSnapshot(key));
    this.end(transaction);
    if (conflict) throw new CloudError(CloudCode.DATABASE_TRANSACTION_CONFLICT, CONFLICT);
    await this.store.commit(changes);
  }

  abort(id: unknown): void {
    this.end(this.get(id));
  }

  private end(transaction: Transaction): void {
    if (!this.open.delete(transaction.id)) return;
    for (const key of transaction.writes.keys()) {
      if (this.locks.get(key) === transaction) this.locks.delete(key);
    }
    this.store.versions.closeSnapshot(transaction.snapshot);
  }

  private expireOld(): void {
    const now = Date.now();
    for (const transaction of this.open.values()) {
      if (now - transaction.startedAt > TRANSACTION_TTL_MS) this.end(transaction);
    }
  }
}
