/**
 * One assignment's progress against the teacher's roster: per roster student whether they submitted, were
 * reviewed or are missing, plus submitters that match no roster entry (flagged, never dropped). A finished
 * recording (ready or partial) counts as a submission; of several, the latest reviewed one counts, else
 * the latest.
 */
import type { RecordingDoc, StudentDoc } from '../../../typings/documents';
import {
  normalizeRosterText,
  type AssignmentProgress,
  type ProgressRow,
  type RosterEntryDoc,
} from '../../../typings/roster';
import type { DocStore } from '../../../pipeline/store/types';
import { getOwnAssignment } from '../assignments/store';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { studentsById } from '../store/students';
import { matchRegistrations, type Registration } from '../roster/match';
import { listRoster } from '../roster/store';

const SUBMITTED: ReadonlySet<RecordingDoc['status']> = new Set(['ready', 'partial']);

function isReviewed(r: RecordingDoc | undefined): boolean {
  return r?.review?.status === 'reviewed';
}

/** The recording that speaks for a student: reviewed beats unreviewed, then the newest. */
function better(a: RecordingDoc | undefined, b: RecordingDoc): RecordingDoc {
  if (!a) return b;
  if (isReviewed(a) !== isReviewed(b)) return isReviewed(b) ? b : a;
  return +b.createdAt > +a.createdAt ? b : a;
}

function summary(r: RecordingDoc | undefined): Pick<ProgressRow, 'status' | 'submission'> {
  if (!r) return { status: 'missing' };
  const review = r.review;
  return {
    status: isReviewed(r) ? 'reviewed' : 'submitted',
    submission: {
      id: r._id,
      createdAt: r.createdAt,
      durationMs: r.durationMs,
      status: r.status,
      ...(review?.score !== undefined ? { score: review.score } : {}),
      ...(review?.comment ? { comment: review.comment } : {}),
      commentCount: review?.comments?.length ?? 0,
    },
  };
}

/** CloudBase's cap on one aggregation's answer: more students than this on one assignment are not shown. */
const MAX_SUBMITTERS = 10_000;

/**
 * Each student's submission that speaks for them, chosen by the database in one aggregation (what
 * `better` decides: reviewed first, then the newest), so one document per student comes back instead of
 * every finished recording of the assignment.
 */
async function bestSubmissions(db: DocStore, assignmentId: string): Promise<Map<string, RecordingDoc>> {
  const best = await db.aggregate<RecordingDoc>(ADMIN_COLLECTIONS.recordings, [
    { $match: { assignmentId, status: db.cmd.in([...SUBMITTED]) } },
    { $addFields: { reviewedFirst: { $cond: [{ $eq: ['$review.status', 'reviewed'] }, 1, 0] } } },
    { $sort: { reviewedFirst: -1, createdAt: -1 } },
    { $group: { _id: '$_openid', best: { $first: '$$ROOT' } } },
    { $replaceRoot: { newRoot: '$best' } },
    { $project: { reviewedFirst: 0 } },
    { $limit: MAX_SUBMITTERS },
  ]);
  return new Map(best.map((r) => [r._openid, r]));
}

async function registrationsOf(db: DocStore, openids: string[]): Promise<Registration[]> {
  const students = new Map<string, StudentDoc>();
  for (let i = 0; i < openids.length; i += 500) {
    for (const [id, doc] of await studentsById(db, openids.slice(i, i + 500))) students.set(id, doc);
  }
  return openids.map((openid) => ({ openid, student: students.get(openid) }));
}

function countsOf(rows: ProgressRow[]): AssignmentProgress['counts'] {
  const roster = rows.filter((r) => r.onRoster);
  return {
    roster: roster.length,
    submitted: roster.filter((r) => r.status !== 'missing').length,
    reviewed: roster.filter((r) => r.status === 'reviewed').length,
    missing: roster.filter((r) => r.status === 'missing').length,
    unmatched: rows.length - roster.length,
  };
}

function rosterRow(entry: RosterEntryDoc, chosen: RecordingDoc | undefined): ProgressRow {
  return {
    entryId: entry._id,
    ...(chosen ? { openid: chosen._openid } : {}),
    onRoster: true,
    className: entry.className,
    name: entry.name,
    ...(entry.studentNumber ? { studentNumber: entry.studentNumber } : {}),
    ...summary(chosen),
  };
}

export async function assignmentProgress(
  db: DocStore,
  teacherId: string,
  assignmentId: string,
  className?: string,
): Promise<AssignmentProgress> {
  const assignment = await getOwnAssignment(db, teacherId, assignmentId);
  const wanted = className ? normalizeRosterText(className) : undefined;
  const all = await listRoster(db, teacherId);
  const entries = all.filter((e) => !wanted || normalizeRosterText(e.className) === wanted);
  const bestByOpenid = await bestSubmissions(db, assignmentId);
  const registrations = await registrationsOf(db, [...bestByOpenid.keys()]);
  const { entryByOpenid, unmatched } = matchRegistrations(all, registrations);
  const bestByEntry = new Map<string, RecordingDoc>();
  for (const [openid, entry] of entryByOpenid) {
    const r = bestByOpenid.get(openid) as RecordingDoc;
    bestByEntry.set(entry._id, better(bestByEntry.get(entry._id), r));
  }
  const rows: ProgressRow[] = entries.map((e) => rosterRow(e, bestByEntry.get(e._id)));
  for (const reg of unmatched) {
    rows.push({
      openid: reg.openid,
      onRoster: false,
      className: reg.student?.className ?? '',
      name: reg.student?.name ?? '',
      ...summary(bestByOpenid.get(reg.openid)),
    });
  }
  return { assignment: { _id: assignment._id, title: assignment.title }, counts: countsOf(rows), rows };
}
