/** Everything the emulator's routes work with, built once by startEmulator. */
import type { DocumentStore } from './db/store';
import type { Transactions } from './db/transactions';
import type { FunctionRegistry } from './functions/registry';
import type { Storage } from './storage/storage';

export interface Services {
  envId: string;
  store: DocumentStore;
  transactions: Transactions;
  storage: Storage;
  functions: FunctionRegistry;
  functionTimeoutMs: number;
  bodyLimitBytes: number;
  log: (line: string) => void;
}
