/** What the admin API answers, as the page uses it (dates arrive as ISO strings). */
import type {
  AssignmentDoc,
  PinnedComment as PinnedCommentDoc,
  RecordingDoc,
  Review as ReviewDoc,
  SegmentDoc,
} from '../../../typings/documents';
import type {
  AssignmentProgress as AssignmentProgressDoc,
  RosterOverview as RosterOverviewDoc,
} from '../../../typings/roster';

/** A document as JSON delivers it: dates become ISO strings, the rest keeps its shape. */
type WireValue<V> = V extends Date
  ? string
  : V extends Array<infer U>
    ? WireValue<U>[]
    : V extends object
      ? Wire<V>
      : V;
type Wire<T> = { [K in keyof T]: WireValue<T[K]> };

export interface Assignment extends Wire<AssignmentDoc> {
  miniProgramPath: string;
  qrCodeUrl: string;
}

export type Review = Wire<ReviewDoc>;
export type Segment = Wire<SegmentDoc>;
export type PinnedComment = Wire<PinnedCommentDoc>;

export interface Recording extends Wire<RecordingDoc> {
  /** Set by the recording's own endpoint: a browser recording with a WebM video at `/video`. */
  hasVideo?: boolean;
  /** When retention deletes it; absent when it is kept until someone deletes it. */
  expiresAt?: string;
  studentName?: string;
  className?: string;
  assignmentTitle?: string;
}

export interface RecordingDetail {
  recording: Recording;
  assignment?: Assignment;
  student?: { name: string; className: string };
  segments: Segment[];
}

export interface ShareLink {
  id: string;
  token: string;
  expiresAt: string;
  revokedAt?: string;
}

export type AssignmentProgress = Wire<AssignmentProgressDoc>;
export type ProgressRow = AssignmentProgress['rows'][number];
export type RosterOverview = Wire<RosterOverviewDoc>;
