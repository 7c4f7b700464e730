/** Everything the emulator's routes work with, built once by startEmulator. */
import type { CollectionRegistry } from './db/collections';
import type { DocumentStore } from './db/store';
import type { Transactions } from './db/transactions';
import type { FunctionRegistry } from './functions/registry';
import type { BodyBudget } from './http/body-budget';
import type { Gate } from './http/gate';
import type { Storage } from './storage/storage';

export interface Services {
  envId: string;
  store: DocumentStore;
  collections: CollectionRegistry;
  /** Lenient mode for scratch-collection tests: a collection comes into being on first use. */
  autoCreateCollections: boolean;
  transactions: Transactions;
  storage: Storage;
  functions: FunctionRegistry;
  bodyLimitBytes: number;
  /** Host, access-token and content-type checks every request passes first (http/gate.ts). */
  gate: Gate;
  /** Body bytes all requests may hold at once (http/body-budget.ts). */
  bodyBudget: BodyBudget;
  log: (line: string) => void;
}
