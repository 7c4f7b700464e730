/** Turns the review list's query string into one database condition, always inside the teacher's scope. */
import type { AssignmentDoc } from '../../../typings/documents';
import type { Condition, LogicCommand } from '../store/command';

import type { REVIEW_STATES } from '../../../typings/schemas/admin';

export type ReviewState = (typeof REVIEW_STATES)[number];

export interface RecordingFilters {
  assignmentId?: string;
  /** Student openids to keep (already resolved from a student name); empty means none match. */
  studentIds?: string[];
  state?: ReviewState;
  from?: string;
  to?: string;
}

function stateCondition(_: LogicCommand, state: ReviewState): Condition {
  switch (state) {
    case 'needs_review':
      return _.and([
        { status: _.in(['ready', 'partial']) },
        _.or([{ review: _.exists(false) }, { 'review.status': 'needs_review' }]),
      ]);
    case 'reviewed':
      return { 'review.status': 'reviewed' };
    case 'failed':
      return { status: 'failed' };
    case 'partial':
      return { status: 'partial' };
    case 'in_progress':
      return { status: _.in(['recording', 'finalizing']) };
  }
}

function dateCondition(_: LogicCommand, from?: string, to?: string): Condition | undefined {
  const bounds: Condition[] = [];
  if (from) bounds.push({ createdAt: _.gte(new Date(from)) });
  // `to` is a calendar day and inclusive: everything before the next midnight (UTC).
  if (to) bounds.push({ createdAt: _.lt(new Date(new Date(to).getTime() + 24 * 3600 * 1000)) });
  return bounds.length ? _.and(bounds) : undefined;
}

/** The teacher's scope: recordings for their assignments (or the one chosen) plus their own browser recordings. */
function scopeCondition(
  _: LogicCommand,
  teacherId: string,
  assignments: AssignmentDoc[],
  chosen?: string,
): Condition {
  if (chosen) return { assignmentId: chosen };
  const ids = assignments.map((a) => a._id);
  return _.or([{ assignmentId: _.in(ids) }, { _openid: teacherId, source: 'browser' }]);
}

export function buildRecordingQuery(
  _: LogicCommand,
  teacherId: string,
  assignments: AssignmentDoc[],
  filters: RecordingFilters,
): Condition {
  const parts: Condition[] = [scopeCondition(_, teacherId, assignments, filters.assignmentId)];
  if (filters.studentIds) parts.push({ _openid: _.in(filters.studentIds) });
  if (filters.state) parts.push(stateCondition(_, filters.state));
  const dates = dateCondition(_, filters.from, filters.to);
  if (dates) parts.push(dates);
  const [only] = parts;
  return parts.length === 1 && only ? only : _.and(parts);
}
