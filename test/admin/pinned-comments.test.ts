import { getRecordings } from '../../pipeline';
import { openStores } from '../../pipeline/cloud-handle';
import { addComment } from '../../admin/server/recordings/comments';
import { saveReview } from '../../admin/server/recordings/review';
import type { PinnedComment, RecordingDoc } from '../../typings/documents';
import { COLLECTIONS } from '../../typings/documents';
import type { AdminClient } from '../../harness/admin/http-client';
import { insertAll, seededRecording } from '../../harness/admin/seed';
import { expectRefused } from './support/expect';
import type { AdminFixture } from './support/fixture';
import { startTwoTeachers, type Teacher } from './support/two-teachers';

let f: AdminFixture;
let a: Teacher;
let b: Teacher;
let assignmentId: string;

beforeAll(async () => {
  ({ f, a, b, assignmentId } = await startTwoTeachers('Lesson 3'));
});
afterAll(() => f.close());

async function newRecording(overrides: Partial<RecordingDoc> = {}): Promise<RecordingDoc> {
  const doc = seededRecording({ _openid: 'stu_li', assignmentId, durationMs: 40000, ...overrides });
  await insertAll(f.app, COLLECTIONS.recordings, [doc]);
  return doc;
}

async function stored(id: string): Promise<RecordingDoc> {
  return (await f.app.database().collection(COLLECTIONS.recordings).doc(id).get()).data[0] as RecordingDoc;
}

const post = (client: AdminClient, id: string, body: unknown) =>
  client.request<PinnedComment>('POST', `/api/recordings/${id}/comments`, body);

test('posting a comment answers 201 with its id, time, text and creation date', async () => {
  const rec = await newRecording();
  const result = await post(a.client, rec._id, { atMs: 32000, text: 'dropped the final -s' });
  expect(result.status).toBe(201);
  expect(result.body).toMatchObject({
    ok: true,
    data: { id: expect.stringMatching(/^[\w-]{16,}$/), atMs: 32000, text: 'dropped the final -s' },
  });
  const data = result.body.ok ? result.body.data : undefined;
  expect(Number.isNaN(Date.parse(String(data?.createdAt)))).toBe(false);
});

test('review.comments holds the comments in time order whatever order they were written in', async () => {
  const rec = await newRecording();
  for (const [atMs, text] of [
    [30000, 'third'],
    [1000, 'first'],
    [12000, 'second'],
  ] as const) {
    expect((await post(a.client, rec._id, { atMs, text })).status).toBe(201);
  }
  const comments = (await stored(rec._id)).review?.comments ?? [];
  expect(comments.map((c) => [c.atMs, c.text, c.createdBy])).toEqual([
    [1000, 'first', a.teacherId],
    [12000, 'second', a.teacherId],
    [30000, 'third', a.teacherId],
  ]);
});

test('pinned comments leave the overall score, comment and status as they were', async () => {
  const review = {
    status: 'reviewed' as const,
    score: 91,
    comment: '很好',
    reviewedBy: 'x',
    reviewedAt: new Date(),
  };
  const rec = await newRecording({ review });
  await post(a.client, rec._id, { atMs: 500, text: 'clear start' });
  expect((await stored(rec._id)).review).toMatchObject({ status: 'reviewed', score: 91, comment: '很好' });
});

test('deleting a comment removes only that comment', async () => {
  const rec = await newRecording();
  const keep = await a.client.data<PinnedComment>('POST', `/api/recordings/${rec._id}/comments`, {
    atMs: 100,
    text: 'keep',
  });
  const drop = await a.client.data<PinnedComment>('POST', `/api/recordings/${rec._id}/comments`, {
    atMs: 200,
    text: 'drop',
  });
  await a.client.data('DELETE', `/api/recordings/${rec._id}/comments/${drop.id}`);
  expect((await stored(rec._id)).review?.comments?.map((c) => c.id)).toEqual([keep.id]);
  const again = await a.client.request('DELETE', `/api/recordings/${rec._id}/comments/${drop.id}`);
  expectRefused(again, 404, 'NOT_FOUND');
});

test('a comment beyond the end of the recording is INVALID_ARGUMENT and nothing is stored', async () => {
  const rec = await newRecording({ durationMs: 5000 });
  const result = await post(a.client, rec._id, { atMs: 5001, text: 'too late' });
  expectRefused(result, 400, 'INVALID_ARGUMENT');
  expect(result.body).toMatchObject({ error: { message: expect.stringContaining('5000 ms') } });
  expect((await stored(rec._id)).review).toBeUndefined();
});

test('empty text, a missing text and negative or fractional times are INVALID_ARGUMENT', async () => {
  const rec = await newRecording();
  for (const body of [
    { atMs: 1000, text: '' },
    { atMs: 1000, text: '   ' },
    { atMs: -1, text: 'x' },
    { atMs: 1.5, text: 'x' },
    { atMs: 1000 },
  ]) {
    expectRefused(await post(a.client, rec._id, body), 400, 'INVALID_ARGUMENT');
  }
  expect((await stored(rec._id)).review).toBeUndefined();
});

test('another teacher can neither pin nor delete comments on a recording that is not theirs', async () => {
  const rec = await newRecording();
  const mine = await a.client.data<PinnedComment>('POST', `/api/recordings/${rec._id}/comments`, {
    atMs: 10,
    text: 'mine',
  });
  expectRefused(await post(b.client, rec._id, { atMs: 10, text: 'intruder' }), 404, 'NOT_FOUND');
  const del = await b.client.request('DELETE', `/api/recordings/${rec._id}/comments/${mine.id}`);
  expectRefused(del, 404, 'NOT_FOUND');
  expect((await stored(rec._id)).review?.comments?.map((c) => c.text)).toEqual(['mine']);
});

test('getRecordings gives the student the pinned comments of their own recording, in time order', async () => {
  const rec = await newRecording({ _openid: 'stu_han' });
  await post(a.client, rec._id, { atMs: 20000, text: 'rising tone here' });
  await post(a.client, rec._id, { atMs: 2000, text: 'good start' });
  const { recordings } = await getRecordings(f.app, 'stu_han', { recordingId: rec._id });
  expect(recordings[0]?.review?.comments?.map((c) => [c.atMs, c.text])).toEqual([
    [2000, 'good start'],
    [20000, 'rising tone here'],
  ]);
});

// The interleaving of two quick requests: this edit read the recording before "mark reviewed" landed.
describe('an edit that read the recording before it was marked reviewed', () => {
  const db = () => openStores(f.app).db;

  test('a score saved late keeps the reviewed status', async () => {
    const rec = await newRecording();
    const readBefore = { ...rec };
    await saveReview(db(), a.teacherId, rec, { status: 'reviewed' });
    await saveReview(db(), a.teacherId, readBefore, { score: 90 });
    expect((await stored(rec._id)).review).toMatchObject({ status: 'reviewed', score: 90 });
  });

  test('a first pinned comment saved late keeps the reviewed status', async () => {
    const rec = await newRecording();
    const readBefore = { ...rec };
    await saveReview(db(), a.teacherId, rec, { status: 'reviewed' });
    await addComment(db(), a.teacherId, readBefore, { atMs: 1000, text: 'good start' });
    const { review } = await stored(rec._id);
    expect(review?.status).toBe('reviewed');
    expect(review?.comments?.map((c) => c.text)).toEqual(['good start']);
  });
});
