/**
 * What any admin instance needs to resume or finish a browser recording: who owns it, its limits, the
 * sealed segments (byte ranges of the audio stream) and video parts, and which of them are in cloud
 * storage. It lives in the `browserRecordings` collection, not on one machine's disk, so the instance a
 * page reconnects to can carry on from what storage and the database hold. Each change is written before
 * the side effect it describes (a segment is sealed in the state before its WAV is uploaded), so a kill at
 * any point leaves a state the next holder completes without loss or doubling.
 *
 * One instance holds a recording at a time (`holder`). Every write is conditional on still holding it:
 * a page that reconnects elsewhere moves the recording (takeOver), and the old holder's next write finds
 * it gone and lets go. Holders refresh `aliveAt` for all their recordings in one write (heartbeat); a
 * recording whose holder stopped doing that for the resume window was left by a dead instance, and one
 * conditional write (claimStale) gives it to exactly one other instance to finish.
 */
import path from 'node:path';
import type { BrowserRecordingKind, SealedVideoPart } from '../../../typings/browser-recorder';
import type { SegmentCut } from '../../../typings/documents';
import { AppError, ErrorCode } from '../../../typings/errors';
import { RECORDING_ID_PATTERN } from '../../../typings/paths';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from '../store/collections';

export type RecordingPhase = 'recording' | 'finalizing' | 'finished';

/** A byte range of one stream, sealed into a piece that goes to storage as a whole. */
export interface StoredPiece {
  startOffset: number;
  endOffset: number;
  /** In cloud storage (for a segment: its WAV uploaded and its segment document written). */
  stored: boolean;
}

export interface SealedSegment extends StoredPiece {
  seq: number;
  cut: SegmentCut;
}

/** `part` and `fileID` are what deleting the recording reads (typings/browser-recorder.ts). */
export interface VideoPart extends StoredPiece, SealedVideoPart {}

export interface RecordingMeta {
  recordingId: string;
  ownerId: string;
  kind: BrowserRecordingKind;
  assignmentId?: string;
  sampleRate: number;
  channels: number;
  /** `{connectionId}-{timestamp}` of the connection that started it; each instance's local cache is `<fileBase>.pcm|.webm`. */
  fileBase: string;
  maxAudioBytes: number;
  maxBytes: number;
  segments: SealedSegment[];
  videoParts: VideoPart[];
  phase: RecordingPhase;
  result?: { status: string; durationMs: number; fullMp3FileID?: string; videoFileID?: string };
  createdAt: string;
}

export interface RecordingStateDoc extends RecordingMeta {
  _id: string;
  /** The instance that streams, seals and finishes it now. */
  holder: string;
  /** When the holder last said it is alive (ms since the epoch). */
  aliveAt: number;
}

/**
 * Thrown when another instance took the recording over: this one must let go without touching it. Its
 * own class (still an AppError, so the edge words it as any CONFLICT) because letting go is decided by
 * identity: any other retryable CONFLICT is an ordinary failure, never a reason to drop a live recording.
 */
export class RecordingMovedError extends AppError {
  constructor(readonly recordingId: string) {
    super(ErrorCode.CONFLICT, `recording ${recordingId} moved to another server instance`, true);
    this.name = 'RecordingMovedError';
  }
}

export function isLostRecording(err: unknown): err is RecordingMovedError {
  return err instanceof RecordingMovedError;
}

/**
 * Thrown when the recording was deleted (its state went with it) while this instance held it. Strict
 * reading: the delete wins; the page is told, and what this instance stored after it is removed.
 */
export class RecordingDeletedError extends AppError {
  constructor(readonly recordingId: string) {
    super(ErrorCode.NOT_FOUND, 'this recording was deleted', false);
    this.name = 'RecordingDeletedError';
  }
}

export function isDeletedRecording(err: unknown): err is RecordingDeletedError {
  return err instanceof RecordingDeletedError;
}

const COLLECTION = ADMIN_COLLECTIONS.browserRecordings;

export class RecordingMetaStore {
  constructor(
    private readonly db: DocStore,
    private readonly dataDir: string,
    /** This instance's id (random per process). */
    readonly instanceId: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** This instance's local cache of a stream (everything above what storage holds). */
  mediaPath(meta: Pick<RecordingMeta, 'fileBase'>, ext: 'pcm' | 'webm'): string {
    return path.join(this.dataDir, `${meta.fileBase}.${ext}`);
  }

  async create(meta: RecordingMeta): Promise<void> {
    await this.db.insert(COLLECTION, this.toDoc(meta));
  }

  /**
   * Writes the whole state, if this instance still holds the recording; otherwise throws
   * RecordingMovedError (another instance holds it) or RecordingDeletedError (it is gone).
   */
  async save(meta: RecordingMeta): Promise<void> {
    const { _id: id, ...fields } = this.toDoc(meta);
    const written = await this.db.updateWhere(COLLECTION, { _id: id, holder: this.instanceId }, fields);
    if (written > 0) return;
    // Only deleting the recording removes its state document.
    const exists = await this.load(meta.recordingId);
    throw exists ? new RecordingMovedError(meta.recordingId) : new RecordingDeletedError(meta.recordingId);
  }

  /** The stored state, or undefined when there is none (or the id could not be one of ours). */
  async load(recordingId: string): Promise<RecordingStateDoc | undefined> {
    if (!RECORDING_ID_PATTERN.test(recordingId)) return undefined;
    return this.db.get<RecordingStateDoc>(COLLECTION, recordingId);
  }

  /** The page reconnected here: this instance holds the recording from now on, whoever held it before. */
  async takeOver(recordingId: string): Promise<void> {
    await this.db.updateWhere(
      COLLECTION,
      { _id: recordingId },
      { holder: this.instanceId, aliveAt: this.now() },
    );
  }

  /** Claims a recording whose holder went quiet; true for exactly one of several instances trying. */
  async claimStale(doc: RecordingStateDoc): Promise<boolean> {
    const claimed = await this.db.updateWhere(
      COLLECTION,
      { _id: doc._id, holder: doc.holder, aliveAt: doc.aliveAt },
      { holder: this.instanceId, aliveAt: this.now() },
    );
    return claimed === 1;
  }

  /** One write for every unfinished recording this instance holds. */
  async heartbeat(): Promise<void> {
    await this.db.updateWhere(
      COLLECTION,
      { holder: this.instanceId, phase: this.db.cmd.neq('finished') },
      { aliveAt: this.now() },
    );
  }

  /** Unfinished recordings whose holder has not been heard of for `quietMs`: its instance is gone. */
  async listStale(quietMs: number): Promise<RecordingStateDoc[]> {
    return this.db.find<RecordingStateDoc>(
      COLLECTION,
      { phase: this.db.cmd.neq('finished'), aliveAt: this.db.cmd.lt(this.now() - quietMs) },
      { limit: 100 },
    );
  }

  private toDoc(meta: RecordingMeta): RecordingStateDoc {
    return { ...meta, _id: meta.recordingId, holder: this.instanceId, aliveAt: this.now() };
  }
}

/** Where the stored prefix of pieces ends: the page may forget everything below it. */
export function storedEnd(pieces: readonly StoredPiece[]): number {
  let end = 0;
  for (const piece of pieces) {
    if (!piece.stored) break;
    end = piece.endOffset;
  }
  return end;
}

/** How many pieces, from the first, are in storage. */
export function storedCount(pieces: readonly StoredPiece[]): number {
  const index = pieces.findIndex((piece) => !piece.stored);
  return index === -1 ? pieces.length : index;
}

/** Just the meta fields of a stored state document (without the holder bookkeeping). */
export function metaOf(doc: RecordingStateDoc): RecordingMeta {
  const { _id: _ignored, holder: _holder, aliveAt: _alive, ...meta } = doc;
  return meta;
}
