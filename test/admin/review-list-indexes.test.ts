/**
 * The review list answers the same with the project's declared indexes as without any: every filter, sort
 * order and page of `listRecordings` against an emulator that uses `database/collections.json` and one that
 * declares nothing. Ties (equal times, durations and scores), missing reviews and scores, browser
 * recordings and another teacher's recordings are in the data.
 */
import { listRecordings, type ListParams } from '../../admin/server/recordings/list';
import { insertAll, insertStudent, seededRecording } from '../../harness/admin/seed';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { openStores } from '../../pipeline/cloud-handle';
import type { DocStore } from '../../pipeline/store/types';
import { COLLECTIONS, type RecordingDoc, type ReviewStatus } from '../../typings/documents';

const TEACHER = 'teacher-1';
const ASSIGNMENTS = ['asg-1', 'asg-2', 'asg-3'];

let indexed: TestEmulator;
let plain: TestEmulator;

function review(i: number) {
  const status: ReviewStatus = i % 3 === 0 ? 'reviewed' : 'needs_review';
  return { status, ...(i % 4 === 0 ? {} : { score: i % 5 }), reviewedBy: TEACHER, reviewedAt: new Date(0) };
}

const STATUSES: RecordingDoc['status'][] = ['ready', 'ready', 'partial', 'failed', 'recording', 'finalizing'];

function recordings(): RecordingDoc[] {
  const start = Date.UTC(2026, 8, 1);
  return Array.from({ length: 90 }, (_, i) =>
    seededRecording({
      _id: `rec-${String(i).padStart(2, '0')}`,
      _openid: i % 10 === 9 ? TEACHER : `stu${i % 6}`,
      ...(i % 10 === 9
        ? { source: 'browser' as const }
        : { assignmentId: i % 17 === 0 ? 'other' : ASSIGNMENTS[i % 3] }),
      status: STATUSES[i % STATUSES.length],
      durationMs: 1000 * (i % 4),
      createdAt: new Date(start + Math.floor(i / 3) * 60_000),
      ...(i % 2 ? { review: review(i) } : {}),
    }),
  );
}

async function seed(emu: TestEmulator): Promise<void> {
  const app = emu.nodeApp();
  const assignments = app.database().collection(COLLECTIONS.assignments);
  for (const [i, id] of ASSIGNMENTS.entries()) {
    await assignments.add({ _id: id, teacherId: TEACHER, title: `A${i}`, createdAt: new Date(i) });
  }
  await assignments.add({ _id: 'other', teacherId: 'teacher-2', title: 'theirs', createdAt: new Date(9) });
  for (let s = 0; s < 6; s += 1) await insertStudent(app, `stu${s}`, `Student ${s}`);
  await insertAll(app, COLLECTIONS.recordings, recordings());
}

beforeAll(async () => {
  [indexed, plain] = await Promise.all([
    startTestEmulator(),
    startTestEmulator({ databaseConfig: false, autoCreateCollections: true }),
  ]);
  await Promise.all([seed(indexed), seed(plain)]);
});
afterAll(async () => {
  await Promise.all([indexed.stop(), plain.stop()]);
});

function lists(): ListParams[] {
  const out: ListParams[] = [];
  for (const sort of ['createdAt', 'durationMs', 'score', 'status'] as const) {
    for (const order of ['asc', 'desc'] as const) {
      for (const state of [undefined, 'needs_review', 'reviewed', 'in_progress'] as const) {
        for (const page of [1, 3]) out.push({ sort, order, ...(state ? { state } : {}), page, pageSize: 7 });
      }
    }
  }
  out.push({ assignmentId: 'asg-2', sort: 'durationMs', from: '2026-09-01', pageSize: 7, page: 2 });
  out.push({ student: 'Student 3', sort: 'score', order: 'desc', pageSize: 5 });
  return out;
}

test('every filter, sort and page of the review list is the same with and without the declared indexes', async () => {
  const [a, b]: DocStore[] = [openStores(indexed.nodeApp()).db, openStores(plain.nodeApp()).db];
  for (const params of lists()) {
    const [withIndexes, without] = await Promise.all([
      listRecordings(a, TEACHER, params),
      listRecordings(b, TEACHER, params),
    ]);
    const ids = (list: typeof without) => ({ params, total: list.total, ids: list.items.map((r) => r._id) });
    expect(ids(withIndexes)).toEqual(ids(without));
    expect(withIndexes.items).toEqual(without.items);
  }
});
