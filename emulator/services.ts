/** Everything the emulator's routes work with, built once by startEmulator. */
import type { CollectionRegistry } from './db/collections';
import type { DocumentStore } from './db/store';
import type { Transactions } from './db/transactions';
import type { FunctionRegistry } from './functions/registry';
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
  log: (line: string) => void;
}
