/**
 * A counter that cannot be raced: one document per (key, time window), bumped with `_.inc`, which the
 * database applies atomically. Every caller reads the count after its own increment, so it sees at least
 * its own place in line: the (limit+1)-th and every later caller are refused however they interleave.
 * (In a burst an earlier caller may read a later total and be refused too: never fewer refusals. A single
 * `updateAndReturn` would give each its exact place; DocStore does not offer it yet.)
 */
import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { DocStore } from '../../../pipeline/store/types';

interface CounterDoc {
  _id: string;
  count: number;
  windowStart: Date;
}

/** The SDKs either resolve a duplicate insert as an error (pipeline/store: CONFLICT) or reject with "duplicate key". */
function isDuplicate(err: unknown): boolean {
  if (err instanceof AppError) return err.code === ErrorCode.CONFLICT;
  return err instanceof Error && /duplicate/i.test(err.message);
}

export class WindowCounters {
  constructor(
    private readonly db: DocStore,
    private readonly collection: string,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Adds `by` to the key's count in the current window and answers the count after it. */
  async add(key: string, by = 1): Promise<number> {
    const id = this.docId(key);
    if ((await this.db.update(this.collection, id, { count: this.db.cmd.inc(by) })) === 0) {
      const inserted = await this.insertFirst(id, by);
      if (inserted) return by;
      await this.db.update(this.collection, id, { count: this.db.cmd.inc(by) });
    }
    const doc = await this.db.get<CounterDoc>(this.collection, id);
    return doc?.count ?? by;
  }

  async clear(key: string): Promise<void> {
    await this.db.remove(this.collection, this.docId(key));
  }

  /** False when another caller created the document first (its increment then goes to theirs). */
  private async insertFirst(id: string, by: number): Promise<boolean> {
    const doc: CounterDoc = { _id: id, count: by, windowStart: new Date(this.windowIndex() * this.windowMs) };
    try {
      await this.db.insert(this.collection, doc);
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  private windowIndex(): number {
    return Math.floor(this.now() / this.windowMs);
  }

  /** Hashed, so the collection does not list who tried to sign in from where. */
  private docId(key: string): string {
    return createHash('sha256').update(`${key}\n${this.windowIndex()}`).digest('hex');
  }
}
