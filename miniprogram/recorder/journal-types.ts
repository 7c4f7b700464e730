import type { SegmentCut } from '../../typings/documents';
import type { ErrorBody } from '../../typings/errors';
import type { FinalizeRecordingResponse } from '../../typings/functions';

export const JOURNAL_VERSION = 1;

export type LocalState = 'writing' | 'sealed';
export type UploadState = 'pending' | 'uploading' | 'uploaded' | 'failed';
export type ServerState = 'pending' | 'converting' | 'converted' | 'failed';

export interface SegmentEntry {
  seq: number;
  local: LocalState;
  upload: UploadState;
  server: ServerState;
  /** The audio on the phone: `.pcm` while writing, `.wav` once sealed; cleared once the MP3 is confirmed. */
  localFile?: string;
  durationMs: number;
  bytes: number;
  /** Why the segment ended; set when it is sealed. */
  cut?: SegmentCut;
  fileID?: string;
  mp3FileID?: string;
  attempts: number;
  /** Epoch ms before which no automatic retry happens; absent when nothing is scheduled. */
  nextAttemptAt?: number;
  lastError?: ErrorBody;
}

/** `recording` while the microphone is live; `finalizing` once stopped (or recovered after a kill). */
export type RecordingPhase = 'recording' | 'finalizing' | 'finalized';

export interface FinalizeState {
  attempts: number;
  nextAttemptAt?: number;
  lastError?: ErrorBody;
  result?: FinalizeRecordingResponse;
}

export interface RecordingEntry {
  version: typeof JOURNAL_VERSION;
  recordingId: string;
  assignmentId?: string;
  sampleRate: number;
  channels: number;
  phase: RecordingPhase;
  createdAt: number;
  updatedAt: number;
  segments: SegmentEntry[];
  finalize: FinalizeState;
  /** True once a finished entry has been shrunk to what history needs. */
  compacted?: boolean;
}

export interface JournalIndex {
  version: typeof JOURNAL_VERSION;
  recordingIds: string[];
}
