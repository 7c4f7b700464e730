import * as fs from 'node:fs';
import * as path from 'node:path';
import { ListenerSet } from '../core/listeners';
import { WxFailure } from '../core/wx-result';
import { decodeStored, encodeStored, entryBytes, type StoredEntry } from './storage-codec';

/** Documented limits: 1 MB per key, 10 MB in total. */
export const STORAGE_LIMITS = { perKeyBytes: 1024 * 1024, totalBytes: 10 * 1024 * 1024 } as const;

export interface StorageInfo {
  keys: string[];
  /** KB, as getStorageInfoSync reports it. */
  currentSize: number;
  limitSize: number;
}

/**
 * The app's storage. It lives in the simulator object (not the app run), so it survives kill and
 * relaunch like a phone's storage; with `persistFile` it is also written through to disk.
 */
export class StorageArea {
  private readonly entries = new Map<string, StoredEntry>();
  /** Called after every successful write (set, remove, clear) with the key (or '' for clear). */
  readonly writes = new ListenerSet<string>();

  constructor(private readonly persistFile?: string) {
    if (persistFile && fs.existsSync(persistFile)) {
      const saved = JSON.parse(fs.readFileSync(persistFile, 'utf8')) as Record<string, StoredEntry>;
      for (const [key, entry] of Object.entries(saved)) this.entries.set(key, entry);
    }
  }

  set(key: string, value: unknown): void {
    const entry = encodeStored(value);
    if (Buffer.byteLength(entry.data) > STORAGE_LIMITS.perKeyBytes) {
      throw new WxFailure('exceed storage item max length');
    }
    const previous = this.entries.get(key);
    const others = this.usedBytes() - (previous ? entryBytes(key, previous) : 0);
    if (others + entryBytes(key, entry) > STORAGE_LIMITS.totalBytes) {
      throw new WxFailure('exceed storage max size 10MB');
    }
    this.entries.set(key, entry);
    this.persist();
    this.writes.emit(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    return entry ? decodeStored(entry) : undefined;
  }

  remove(key: string): void {
    this.entries.delete(key);
    this.persist();
    this.writes.emit(key);
  }

  clear(): void {
    this.entries.clear();
    this.persist();
    this.writes.emit('');
  }

  usedBytes(): number {
    let total = 0;
    for (const [key, entry] of this.entries) total += entryBytes(key, entry);
    return total;
  }

  info(): StorageInfo {
    return {
      keys: [...this.entries.keys()],
      currentSize: Math.ceil(this.usedBytes() / 1024),
      limitSize: STORAGE_LIMITS.totalBytes / 1024,
    };
  }

  private persist(): void {
    if (!this.persistFile) return;
    // Write-then-rename so a crash never leaves half a storage file behind.
    fs.mkdirSync(path.dirname(this.persistFile), { recursive: true });
    const temp = `${this.persistFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(Object.fromEntries(this.entries)));
    fs.renameSync(temp, this.persistFile);
  }
}
