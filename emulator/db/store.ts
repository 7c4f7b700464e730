/**
 * The document store: every collection in memory, every committed change appended as one line to
 * `<dataDir>/db/documents.log` and fsync'd before the write resolves. One change set (one request, or a
 * whole transaction) is one line, so `kill -9` leaves it either all there or not there at all.
 *
 * Changes are applied to memory synchronously when `commit` is called: a caller that reads, computes and
 * commits without awaiting in between can never lose another caller's update.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { invalidParam } from '../errors';
import { AppendLog } from './append-log';
import { keyOf, type DocId } from './doc-id';
import { CollectionData } from './collection-data';
import { specsFor, type IndexPlan } from './index-plan';
import { importNedbFiles } from './nedb-import';
import type { Doc } from './paths';
import { Versions } from './versions';

const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const LOG_FILE = 'documents.log';

/** One document written (`doc`) or removed (`doc: null`). */
export interface Change {
  collection: string;
  id: DocId;
  doc: Doc | null;
}

interface LoggedOp {
  c: string;
  d?: Doc;
  x?: DocId;
}

export class DocumentStore {
  private readonly dir: string;
  private readonly indexes: IndexPlan;
  private readonly log: (line: string) => void;
  private readonly file: AppendLog;
  private readonly data = new Map<string, CollectionData>();
  private loading: Promise<void> | undefined;
  /** Which version each document is at, and old versions transactions still read. */
  readonly versions = new Versions();

  constructor(dataDir: string, indexes: IndexPlan, log: (line: string) => void = () => undefined) {
    this.dir = path.join(dataDir, 'db');
    this.indexes = indexes;
    this.log = log;
    mkdirSync(this.dir, { recursive: true });
    this.file = new AppendLog(path.join(this.dir, LOG_FILE));
  }

  /** Checks the name and waits for the store to be loaded. Collections come into being on first write. */
  async collection(name: unknown): Promise<string> {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
      throw invalidParam(`bad collectionName: ${JSON.stringify(name)} (letters, digits, _ and -, up to 64)`);
    }
    await this.ready();
    return name;
  }

  /** Loads the log the first time anyone asks. */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  exists(name: string): boolean {
    return this.data.has(name);
  }

  /** The collection's documents in natural (insertion) order. */
  documents(name: string): Doc[] {
    return [...(this.data.get(name)?.documents() ?? [])];
  }

  /** The collection's in-memory data and indexes, for reads that finish before anyone writes. */
  collectionData(name: string): CollectionData | undefined {
    return this.data.get(name);
  }

  get(name: string, id: DocId): Doc | undefined {
    return this.data.get(name)?.get(keyOf(id));
  }

  /** Applies the changes to memory now (all or none), then resolves once they are on disk. */
  async commit(changes: Change[]): Promise<void> {
    if (changes.length === 0) return;
    const befores = this.applyAll(changes);
    this.versions.advance(
      changes.map((c, i) => ({ key: this.versionKey(c.collection, c.id), before: befores[i] ?? null })),
    );
    const ops: LoggedOp[] = changes.map((c) =>
      c.doc === null ? { c: c.collection, x: c.id } : { c: c.collection, d: c.doc },
    );
    await this.file.append(EJSON.stringify({ ops }, { relaxed: false }));
  }

  versionKey(collection: string, id: DocId): string {
    return `${collection}\u0000${keyOf(id)}`;
  }

  private dataOf(name: string): CollectionData {
    let data = this.data.get(name);
    if (!data) {
      const specs = specsFor(this.indexes, name);
      const unique = specs.filter((spec) => spec.unique).map((spec) => spec.fields);
      const paths = new Set(['_id', ...specs.flatMap((spec) => spec.fields.slice(0, 1))]);
      data = new CollectionData(unique, [...paths]);
      this.data.set(name, data);
    }
    return data;
  }

  /** Returns what each changed document held before. */
  private applyAll(changes: Change[]): Array<Doc | null> {
    const undo: Array<{ name: string; key: string; doc: Doc | null }> = [];
    const created = changes.map((c) => c.collection).filter((name) => !this.data.has(name));
    try {
      for (const change of changes) {
        const key = keyOf(change.id);
        const before = this.dataOf(change.collection).apply(key, change.doc);
        undo.push({ name: change.collection, key, doc: before });
      }
    } catch (err) {
      for (const step of undo.reverse()) this.dataOf(step.name).apply(step.key, step.doc);
      for (const name of created) this.data.delete(name);
      throw err;
    }
    return undo.map((step) => step.doc);
  }

  private async load(): Promise<void> {
    let lines = await this.file.load();
    if (lines.length === 0) {
      lines = await importNedbFiles(this.dir, this.log);
      if (lines.length > 0) await this.file.rewrite(lines);
    }
    for (const line of lines) {
      const { ops } = EJSON.parse(line, { relaxed: true }) as { ops: LoggedOp[] };
      for (const op of ops) this.replay(op);
    }
    await this.compactIfWorthIt(lines.length);
  }

  /**
   * A logged change. One that breaks a unique index declared since stops the load: keeping it would let
   * the emulator hold data CloudBase's index would refuse, and dropping it would lose a write.
   */
  private replay(op: LoggedOp): void {
    const data = this.dataOf(op.c);
    const id = op.d ? (op.d._id as DocId) : op.x;
    if (id === undefined) return;
    try {
      data.apply(keyOf(id), op.d ?? null);
    } catch (err) {
      throw new Error(`emulator: cannot build the index on ${op.c}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  /** After many updates the log holds mostly superseded versions: rewrite it as one line per document. */
  private async compactIfWorthIt(lineCount: number): Promise<void> {
    let live = 0;
    for (const data of this.data.values()) live += data.size;
    if (lineCount <= 2 * live + 100) return;
    const lines: string[] = [];
    for (const [name, data] of this.data) {
      for (const doc of data.documents()) {
        lines.push(EJSON.stringify({ ops: [{ c: name, d: doc }] }, { relaxed: false }));
      }
    }
    await this.file.rewrite(lines);
    this.log(`[db] compacted ${lineCount} log lines into ${lines.length}`);
  }
}
