/**
 * The document store: one NeDB datastore (one append-only file) per collection under `<dataDir>/db`.
 * Writes to a collection run one at a time (so read-modify-write updates never lose each other) and
 * the datafile is fsync'd before the write resolves: an acknowledged write survives `kill -9`.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import { invalidParam } from '../errors';
import { fsyncPath } from '../fsync';
import { specsFor, type IndexPlan } from './index-plan';

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export class Collection {
  readonly datastore: Datastore;
  private readonly filename: string;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(filename: string) {
    this.filename = filename;
    this.datastore = new Datastore({ filename });
  }

  /** Runs a write exclusively, then makes it durable before anyone hears it succeeded. */
  write<T>(work: (ds: Datastore) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      const result = await work(this.datastore);
      await this.sync();
      return result;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private sync(): Promise<void> {
    return fsyncPath(this.filename);
  }
}

export class DocumentStore {
  private readonly dir: string;
  private readonly indexes: IndexPlan;
  private readonly collections = new Map<string, Promise<Collection>>();

  constructor(dataDir: string, indexes: IndexPlan) {
    this.dir = path.join(dataDir, 'db');
    this.indexes = indexes;
    mkdirSync(this.dir, { recursive: true });
  }

  /** Loads every collection already on disk, so an index that cannot be built stops the start. */
  async openExisting(): Promise<void> {
    const names = readdirSync(this.dir)
      .filter((file) => file.endsWith('.db'))
      .map((file) => file.slice(0, -'.db'.length));
    for (const name of names) await this.collection(name);
  }

  /** Collections come into being on first use, as if created in the console beforehand. */
  collection(name: unknown): Promise<Collection> {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw invalidParam(`bad collectionName: ${JSON.stringify(name)} (letters, digits, _ and -, up to 64)`);
    }
    let pending = this.collections.get(name);
    if (!pending) {
      pending = this.load(name);
      this.collections.set(name, pending);
      pending.catch(() => this.collections.delete(name));
    }
    return pending;
  }

  private async load(name: string): Promise<Collection> {
    const collection = new Collection(path.join(this.dir, `${name}.db`));
    await collection.datastore.loadDatabaseAsync();
    for (const { fields, unique } of specsFor(this.indexes, name)) {
      const fieldName = fields.length === 1 && fields[0] !== undefined ? fields[0] : fields;
      // Sparse, so documents without the fields do not collide with each other under a unique index.
      // An index that cannot be built (duplicates under a unique index) would let the emulator accept
      // writes CloudBase refuses, so it is fatal rather than logged and dropped.
      await collection.datastore
        .ensureIndexAsync({ fieldName, unique, sparse: unique })
        .catch((err: Error) => {
          throw new Error(
            `emulator: cannot build the index on ${name}(${fields.join(', ')}): ${err.message}`,
          );
        });
    }
    return collection;
  }
}
