/**
 * The review list: one page of a teacher's recordings with filters and sorting done by the database
 * (where / orderBy / skip / limit), then joined with student names and assignment titles for that page only.
 */
import type { AssignmentDoc, RecordingDoc, StudentDoc } from '../../../typings/documents';
import type { Static } from '@sinclair/typebox';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { RecordingListQuery } from '../../../typings/schemas/admin';
import type { DocStore } from '../../../pipeline/store/types';
import { listAssignments } from '../assignments/store';
import { recordingExpiry } from './expiry';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { logicCommand } from '../store/command';
import { studentsById } from '../store/students';
import { buildRecordingQuery } from './filters';

export type ListParams = Static<typeof RecordingListQuery>;
export type SortField = NonNullable<ListParams['sort']>;

/** The document field each sort key orders by. */
export const SORT_FIELDS: Record<SortField, string> = {
  createdAt: 'createdAt',
  durationMs: 'durationMs',
  score: 'review.score',
  status: 'status',
};

export interface RecordingListItem extends RecordingDoc {
  studentName?: string;
  className?: string;
  assignmentTitle?: string;
  /** When retention deletes it; absent when it is kept until someone deletes it. */
  expiresAt?: Date;
}

async function resolveStudentIds(db: DocStore, text: string): Promise<string[]> {
  const _ = logicCommand(db);
  const rows = await db.find<StudentDoc>(ADMIN_COLLECTIONS.students, _.or([{ name: text }, { _id: text }]), {
    limit: 1000,
  });
  return rows.map((s) => s._id);
}

function checkChosenAssignment(assignments: AssignmentDoc[], chosen?: string): void {
  if (chosen && !assignments.some((a) => a._id === chosen)) {
    throw new AppError(ErrorCode.NOT_FOUND, `no assignment ${chosen}`);
  }
}

/** ISO dates compare as strings; a range that ends before it starts is a mistake to report, not an empty page. */
function checkDateRange(from?: string, to?: string): void {
  if (from && to && from > to) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `the date range ends (${to}) before it starts (${from})`);
  }
}

export async function listRecordings(db: DocStore, teacherId: string, params: ListParams) {
  checkDateRange(params.from, params.to);
  const [assignments, studentIds] = await Promise.all([
    listAssignments(db, teacherId),
    params.student ? resolveStudentIds(db, params.student) : undefined,
  ]);
  checkChosenAssignment(assignments, params.assignmentId);
  const where = buildRecordingQuery(logicCommand(db), teacherId, assignments, { ...params, studentIds });
  const page = params.page ?? 1;
  const pageSize = params.pageSize ?? 50;
  const [rows, total] = await Promise.all([
    db.find<RecordingDoc>(ADMIN_COLLECTIONS.recordings, where, {
      orderBy: [[SORT_FIELDS[params.sort ?? 'createdAt'], params.order ?? 'desc']],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
    db.count(ADMIN_COLLECTIONS.recordings, where),
  ]);
  const students = await studentsById(
    db,
    rows.map((r) => r._openid),
  );
  const byId = new Map(assignments.map((a) => [a._id, a]));
  const items: RecordingListItem[] = rows.map((r) => {
    const assignment = r.assignmentId ? byId.get(r.assignmentId) : undefined;
    return {
      ...r,
      studentName: students.get(r._openid)?.name,
      className: students.get(r._openid)?.className,
      assignmentTitle: assignment?.title,
      expiresAt: recordingExpiry(r, assignment),
    };
  });
  return { items, total, page, pageSize };
}
