/**
 * Version numbers for snapshot isolation. Every commit gets the next number; each document remembers the
 * number of its last change; while a transaction is open, the versions a commit replaces are kept so the
 * transaction keeps reading the database as it was when it started.
 */
import type { Doc } from './paths';

interface OldVersion {
  /** The commit that replaced this version: it was current for every snapshot below this number. */
  until: number;
  doc: Doc | null;
}

export class Versions {
  private seq = 0;
  private readonly lastWrite = new Map<string, number>();
  private readonly history = new Map<string, OldVersion[]>();
  /** Open snapshots: snapshot number → how many transactions read at it. */
  private readonly open = new Map<number, number>();

  openSnapshot(): number {
    this.open.set(this.seq, (this.open.get(this.seq) ?? 0) + 1);
    return this.seq;
  }

  closeSnapshot(snapshot: number): void {
    const count = (this.open.get(snapshot) ?? 0) - 1;
    if (count > 0) this.open.set(snapshot, count);
    else this.open.delete(snapshot);
    this.prune();
  }

  /** Whether the document changed after the snapshot was taken. */
  changedSince(key: string, snapshot: number): boolean {
    return (this.lastWrite.get(key) ?? 0) > snapshot;
  }

  /** The document as the snapshot sees it, given its current version. */
  at(key: string, snapshot: number, current: Doc | undefined): Doc | undefined {
    const old = this.history.get(key)?.find((version) => version.until > snapshot);
    if (!old) return current;
    return old.doc ?? undefined;
  }

  /** One commit: `before` is what each changed document held until now. */
  advance(changes: Array<{ key: string; before: Doc | null }>): void {
    this.seq += 1;
    for (const { key, before } of changes) {
      this.lastWrite.set(key, this.seq);
      if (this.open.size === 0) continue;
      const list = this.history.get(key) ?? [];
      list.push({ until: this.seq, doc: before });
      this.history.set(key, list);
    }
  }

  /** Old versions no open snapshot can see any more are dropped. */
  private prune(): void {
    if (this.open.size === 0) {
      this.history.clear();
      return;
    }
    const oldest = Math.min(...this.open.keys());
    for (const [key, list] of this.history) {
      const kept = list.filter((version) => version.until > oldest);
      if (kept.length === 0) this.history.delete(key);
      else this.history.set(key, kept);
    }
  }
}
