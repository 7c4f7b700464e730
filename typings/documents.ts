/** Document shapes of the CloudBase collections (see shared DESIGN.md section 4). Dates are JS Dates. */

export type RecordingSource = 'miniprogram' | 'browser';
export type RecordingStatus = 'recording' | 'finalizing' | 'ready' | 'partial' | 'failed';
export type SegmentStatus = 'uploaded' | 'converting' | 'converted' | 'failed';
export type ReviewStatus = 'needs_review' | 'reviewed';
/**
 * Why a segment ended. `pause` is the student's pause tap, `auto` the recorder's own cut every N seconds
 * of continuous audio (so long takes upload while recording), `cap` the platform's 10-minute limit,
 * `hide` the app going to the background, `call` an interruption, `stop` the end of the recording (or a
 * kill, recovered on the next launch). Only `auto` (and `cap`, which the student did not choose either)
 * continues the same take: the student and the teacher see takes, the stretches between real pauses.
 */
export type SegmentCut = 'pause' | 'auto' | 'cap' | 'hide' | 'call' | 'stop';
export const SEGMENT_CUTS: readonly SegmentCut[] = ['pause', 'auto', 'cap', 'hide', 'call', 'stop'];

/** Whether a take ends with this cut (the Mini Program mirrors this in miniprogram/view/take-row.ts). */
export function endsTake(cut: SegmentCut | undefined): boolean {
  return cut !== undefined && cut !== 'auto' && cut !== 'cap';
}

export const COLLECTIONS = {
  recordings: 'recordings',
  segments: 'segments',
  assignments: 'assignments',
  students: 'students',
  teachers: 'teachers',
  shareLinks: 'shareLinks',
  rosterEntries: 'rosterEntries',
  /** Server-only: who is finalizing a recording or converting a segment right now (pipeline/recordings/lease.ts). */
  leases: 'leases',
  /**
   * Server-only: browser recordings' resume state (owner, limits, sealed segments and video parts with
   * their byte ranges, the instance holding each; admin/server/browser-recorder/recording-meta.ts), so any
   * admin instance resumes or finishes any of them. Deleting a recording deletes its state.
   */
  browserRecordings: 'browserRecordings',
} as const;

/** A teacher's comment pinned to a moment of the recording ("0:32 dropped the final -s"). */
export interface PinnedComment {
  id: string;
  /** Milliseconds from the start of the recording, 0 ≤ atMs ≤ durationMs. */
  atMs: number;
  text: string;
  createdBy: string;
  createdAt: Date;
}

export interface Review {
  status: ReviewStatus;
  score?: number;
  comment?: string;
  /** Pinned comments, kept in time order (atMs ascending). */
  comments?: PinnedComment[];
  reviewedBy: string;
  reviewedAt: Date;
}

export interface RecordingDoc {
  _id: string;
  _openid: string;
  source: RecordingSource;
  assignmentId?: string;
  status: RecordingStatus;
  segmentCount: number;
  durationMs: number;
  sampleRate: number;
  channels: number;
  fullMp3FileID?: string;
  missingSeqs?: number[];
  review?: Review;
  /** Deleting what no longer plays once the recording is ready (pipeline/recordings/cleanup.ts). */
  cleanup?: CleanupJournal;
  /** Set before a delete starts removing anything, so a delete cut off half-way is finished by a sweep. */
  deleting?: DeleteJournal;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * The cleanup journal: `fileIDs` are written before the first delete (state `deleting`), so a cleanup cut
 * off by a kill is resumed with exactly the same list; `done` keeps only the count.
 */
export interface CleanupJournal {
  state: 'deleting' | 'done';
  fileIDs: string[];
  startedAt: Date;
  deletedFiles?: number;
  doneAt?: Date;
}

export type DeleteReason = 'student' | 'teacher' | 'retention' | 'assignment';

export interface DeleteJournal {
  reason: DeleteReason;
  startedAt: Date;
}

export interface SegmentError {
  code: string;
  message: string;
}

export interface SegmentDoc {
  /** `${recordingId}:${seq}` */
  _id: string;
  recordingId: string;
  _openid: string;
  seq: number;
  sourceFileID: string;
  durationMs: number;
  /** Exact sample frames of the source, so later segments know where they start on the timeline. */
  samples: number;
  bytes: number;
  /** Why the segment ended; absent on segments ingested before cuts were recorded (read as `pause`). */
  cut?: SegmentCut;
  status: SegmentStatus;
  mp3FileID?: string;
  attempts: number;
  error?: SegmentError;
  createdAt: Date;
  updatedAt: Date;
}

export interface AssignmentDoc {
  _id: string;
  teacherId: string;
  title: string;
  prompt: string;
  maxDurationSec: number;
  dueAt?: Date;
  /** Days a recording of this assignment is kept after it was made; the deploy default applies when absent. */
  retentionDays?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StudentDoc {
  /** The student's openid. */
  _id: string;
  name: string;
  className: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TeacherDoc {
  _id: string;
  username: string;
  displayName: string;
  /** `scrypt$N$r$p$saltB64$hashB64` */
  passwordHash: string;
  createdAt: Date;
}

/** One holder at a time for a piece of server work; `_id` names the work (`finalize:<recordingId>`). */
export interface LeaseDoc {
  _id: string;
  recordingId: string;
  /** Random per acquisition: only the holder releases it. */
  holder: string;
  /** After this (ms since the epoch) the holder is presumed dead and anyone may take the lease over. */
  expiresAtMs: number;
}

export function segmentDocId(recordingId: string, seq: number): string {
  return `${recordingId}:${seq}`;
}
