import { RecorderError, messageOf } from './errors';
import { JOURNAL_VERSION } from './journal-types';
import type { JournalIndex, RecordingEntry, SegmentEntry } from './journal-types';
import type { StoragePort } from './port';

export const JOURNAL_KEYS = {
  index: `recorder.journal.v${JOURNAL_VERSION}.index`,
  recording: (recordingId: string) => `recorder.journal.v${JOURNAL_VERSION}.rec.${recordingId}`,
};

export interface JournalLimits {
  /** Per key; wx allows 1 MB, we keep a margin for the platform's own bookkeeping. */
  maxKeyBytes: number;
  /** All journal keys together; wx allows 10 MB for the whole app. */
  budgetBytes: number;
  /** Finished recordings kept (compacted) for the history page's offline view. */
  keepFinished: number;
}

export const DEFAULT_JOURNAL_LIMITS: JournalLimits = {
  maxKeyBytes: 900 * 1024,
  budgetBytes: 2 * 1024 * 1024,
  keepFinished: 20,
};

/**
 * The local journal: one storage key per recording plus an index key. Every change is written to
 * storage before the in-memory copy moves, so callers can write it BEFORE the side effect it describes
 * and a kill at any point leaves storage describing what was (about to be) done.
 */
export class Journal {
  private readonly entries = new Map<string, RecordingEntry>();
  private readonly sizes = new Map<string, number>();
  private order: string[] = [];

  constructor(
    private readonly storage: StoragePort,
    private readonly now: () => number,
    private readonly limits: JournalLimits = DEFAULT_JOURNAL_LIMITS,
  ) {
    this.load();
  }

  list(): RecordingEntry[] {
    return this.order.map((id) => this.entries.get(id) as RecordingEntry);
  }

  get(recordingId: string): RecordingEntry | undefined {
    return this.entries.get(recordingId);
  }

  totalBytes(): number {
    let total = utf8Bytes(JSON.stringify(this.indexValue(this.order)));
    for (const size of this.sizes.values()) total += size;
    return total;
  }

  create(entry: RecordingEntry): void {
    if (this.entries.has(entry.recordingId)) {
      throw new RecorderError('CONFLICT', `Recording ${entry.recordingId} is already in the journal`);
    }
    // Index first: an index naming a missing key is skipped on load; a key missing from the index is lost.
    const before = this.order;
    this.writeIndex([...before, entry.recordingId]);
    try {
      this.writeEntry(entry);
    } catch (err) {
      this.writeIndex(before.filter((id) => this.entries.has(id)));
      throw err;
    }
  }

  /** Applies `change` to a copy, stores it, and only then makes it the current entry. */
  update(recordingId: string, change: (entry: RecordingEntry) => void): RecordingEntry {
    const next = cloneEntry(this.require(recordingId));
    change(next);
    next.updatedAt = this.now();
    this.writeEntry(next);
    return next;
  }

  updateSegment(recordingId: string, seq: number, change: (segment: SegmentEntry) => void): SegmentEntry {
    const entry = this.update(recordingId, (draft) => {
      const segment = draft.segments.find((s) => s.seq === seq);
      if (!segment)
        throw new RecorderError('NOT_FOUND', `Segment ${seq} of ${recordingId} is not in the journal`);
      change(segment);
    });
    return entry.segments.find((s) => s.seq === seq) as SegmentEntry;
  }

  remove(recordingId: string): void {
    this.writeIndex(this.order.filter((id) => id !== recordingId));
    this.storage.remove(JOURNAL_KEYS.recording(recordingId));
    this.entries.delete(recordingId);
    this.sizes.delete(recordingId);
  }

  /** Shrinks finished entries and drops the oldest beyond `keepFinished`: the server has them all. */
  compact(): void {
    const finished = this.order.filter((id) => isFinished(this.entries.get(id) as RecordingEntry));
    const surplus = finished.length - this.limits.keepFinished;
    finished.slice(0, Math.max(0, surplus)).forEach((id) => this.remove(id));
    for (const id of finished.slice(Math.max(0, surplus))) {
      if (!this.entries.get(id)?.compacted)
        this.writeEntry(compactEntry(this.entries.get(id) as RecordingEntry));
    }
  }

  private require(recordingId: string): RecordingEntry {
    const entry = this.entries.get(recordingId);
    if (!entry) throw new RecorderError('NOT_FOUND', `Recording ${recordingId} is not in the journal`);
    return entry;
  }

  private writeEntry(entry: RecordingEntry): void {
    const value = JSON.stringify(entry);
    const bytes = utf8Bytes(value);
    if (bytes > this.limits.maxKeyBytes) {
      throw new RecorderError(
        'TOO_LARGE',
        `Journal entry for ${entry.recordingId} would exceed one storage key`,
      );
    }
    this.makeRoom(bytes - (this.sizes.get(entry.recordingId) ?? 0), entry.recordingId);
    this.setWithEviction(JOURNAL_KEYS.recording(entry.recordingId), value, entry.recordingId);
    this.entries.set(entry.recordingId, entry);
    this.sizes.set(entry.recordingId, bytes);
  }

  private writeIndex(order: string[]): void {
    // An empty journal stores nothing, so a refused first recording leaves storage as it was.
    if (order.length === 0) this.storage.remove(JOURNAL_KEYS.index);
    else this.setWithEviction(JOURNAL_KEYS.index, JSON.stringify(this.indexValue(order)), undefined);
    this.order = order;
  }

  /** Evicts finished entries (oldest first) until `growth` more bytes fit the budget. */
  private makeRoom(growth: number, keep: string): void {
    while (this.totalBytes() + growth > this.limits.budgetBytes) {
      if (!this.evictOldestFinished(keep)) {
        throw new RecorderError('TOO_LARGE', 'Recorder storage is full: finish or delete recordings first');
      }
    }
  }

  private evictOldestFinished(keep: string | undefined): boolean {
    const victim = this.order.find((id) => id !== keep && isFinished(this.entries.get(id) as RecordingEntry));
    if (victim === undefined) return false;
    this.remove(victim);
    return true;
  }

  /** The platform's own 10 MB limit counts other data too: free what we can and try once more. */
  private setWithEviction(key: string, value: string, keep: string | undefined): void {
    try {
      this.storage.set(key, value);
    } catch (err) {
      if (!this.evictOldestFinished(keep)) {
        throw new RecorderError(
          'TOO_LARGE',
          `Phone storage is full; the recorder could not save: ${messageOf(err)}`,
        );
      }
      this.setWithEviction(key, value, keep);
    }
  }

  private indexValue(order: string[]): JournalIndex {
    return { version: JOURNAL_VERSION, recordingIds: order };
  }

  private load(): void {
    const rawIndex = this.storage.get(JOURNAL_KEYS.index);
    const index = parseVersioned<JournalIndex>(rawIndex);
    for (const id of index?.recordingIds ?? []) {
      const raw = this.storage.get(JOURNAL_KEYS.recording(id));
      const entry = parseVersioned<RecordingEntry>(raw);
      if (!entry || !raw) continue;
      this.entries.set(id, entry);
      this.sizes.set(id, utf8Bytes(raw));
      this.order.push(id);
    }
    // An index that does not parse names nothing we can trust: then nothing is swept.
    if (rawIndex === undefined || index) this.sweepUnnamedKeys(new Set(index?.recordingIds ?? []));
  }

  /**
   * Entry keys the index does not name: a kill between `remove`'s index write and its key removal left
   * them. No launch would ever read them, and they would hold wx storage for ever.
   */
  private sweepUnnamedKeys(named: Set<string>): void {
    const prefix = JOURNAL_KEYS.recording('');
    for (const key of this.storage.keys()) {
      if (key.startsWith(prefix) && !named.has(key.slice(prefix.length))) this.storage.remove(key);
    }
  }
}

export function isFinished(entry: RecordingEntry): boolean {
  return entry.phase === 'finalized' && entry.segments.every((s) => s.localFile === undefined);
}

function compactEntry(entry: RecordingEntry): RecordingEntry {
  const segments = entry.segments.map(
    ({ seq, local, upload, server, durationMs, bytes, cut, attempts, mp3FileID }) => ({
      seq,
      local,
      upload,
      server,
      durationMs,
      bytes,
      // History groups segments into takes by their cuts.
      ...(cut ? { cut } : {}),
      attempts,
      mp3FileID,
    }),
  );
  return {
    ...entry,
    segments,
    finalize: { attempts: entry.finalize.attempts, result: entry.finalize.result },
    compacted: true,
  };
}

/** Unknown versions are ignored rather than misread: a future format must migrate explicitly. */
function parseVersioned<T extends { version: number }>(raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as T;
    return value.version === JOURNAL_VERSION ? value : undefined;
  } catch {
    return undefined;
  }
}

function cloneEntry(entry: RecordingEntry): RecordingEntry {
  return JSON.parse(JSON.stringify(entry)) as RecordingEntry;
}

function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    // Each half of a surrogate pair counts 2, so a 4-byte character counts 4.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
  }
  return bytes;
}
