/** Class rosters: the students a teacher expects, matched to Mini Program registrations by class and name. */
import type { RecordingStatus } from './documents';

/** One roster line. `_id` is derived from the teacher and `rosterKey(className, name)`, so a re-import updates in place. */
export interface RosterEntryDoc {
  _id: string;
  teacherId: string;
  className: string;
  name: string;
  studentNumber?: string;
  /** An openid the teacher linked by hand to this entry (a registration whose name did not match). */
  linkedOpenid?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A student's progress on one assignment. */
export type ProgressStatus = 'missing' | 'submitted' | 'reviewed';

export interface SubmissionSummary {
  id: string;
  createdAt: Date;
  durationMs: number;
  status: RecordingStatus;
  score?: number;
  comment?: string;
  commentCount: number;
}

export interface ProgressRow {
  /** Roster entry id; missing for a submitter who matches no roster entry. */
  entryId?: string;
  openid?: string;
  onRoster: boolean;
  className: string;
  name: string;
  studentNumber?: string;
  status: ProgressStatus;
  submission?: SubmissionSummary;
}

export interface AssignmentProgress {
  assignment: { _id: string; title: string };
  counts: { roster: number; submitted: number; reviewed: number; missing: number; unmatched: number };
  /** Roster students in class and name order, then unmatched submitters. */
  rows: ProgressRow[];
}

/** GET /api/roster: the entries with the registrations matched to them, and registrations matching none. */
export interface RosterOverview {
  entries: Array<RosterEntryDoc & { matchedOpenids: string[] }>;
  unmatched: Array<{ openid: string; name?: string; className?: string }>;
}

/** Class and name as typed by people: trimmed, width-folded (NFKC), inner spaces collapsed, case-folded. */
export function normalizeRosterText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function rosterKey(className: string, name: string): string {
  return `${normalizeRosterText(className)}\u0000${normalizeRosterText(name)}`;
}
