/**
 * A counter that cannot be raced: one document per (key, time window), bumped with `_.inc` through
 * `updateAndReturn`, which applies the increment and answers the new count in one atomic database
 * operation. Every caller therefore learns its exact place in line: in a burst of N, the callers hear
 * 1…N once each, so exactly `limit` of them are let through. (The admin server runs on
 * @cloudbase/node-sdk; over wx-server-sdk, which lacks updateAndReturn, a caller may read a later total
 * and be refused too: never fewer refusals.)
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
    const bump = { count: this.db.cmd.inc(by) };
    const bumped = await this.db.updateAndReturn<CounterDoc>(this.collection, id, bump);
    if (bumped) return bumped.count;
    if (await this.insertFirst(id, by)) return by;
    // Another caller created the document first: this increment goes onto theirs.
    return (await this.db.updateAndReturn<CounterDoc>(this.collection, id, bump))?.count ?? by;
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
