import { startAdminFixture, type AdminFixture } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';
import { storedFiles } from '../../harness/stored-files';
import { newOpenid, recordThroughPipeline } from './support/pipeline-recording';

let f: AdminFixture;
let owner: { client: AdminClient; teacherId: string };
let other: { client: AdminClient; teacherId: string };
const anonymous = () => new AdminClient(f.url);

beforeAll(async () => {
  f = await startAdminFixture();
  owner = await f.teacher('deleter');
  other = await f.teacher('bystander');
}, 120000);
afterAll(() => f.close());

async function newAssignment(title: string): Promise<string> {
  const { _id } = await owner.client.data<{ _id: string }>('POST', '/api/assignments', {
    title,
    prompt: 'Say hello.',
    maxDurationSec: 30,
  });
  return _id;
}

async function record(assignmentId: string) {
  const openid = newOpenid();
  const made = await recordThroughPipeline(f.app, {
    openid,
    studentName: 'Li Lei',
    assignmentId,
    texts: ['Hello there.', 'Goodbye now.'],
  });
  return { openid, recordingId: made.recordingId };
}

test('after a teacher deletes a recording its share link answers 403 and no file under its folder remains', async () => {
  const { openid, recordingId } = await record(await newAssignment('Delete me'));
  const link = await owner.client.data<{ token: string }>(
    'POST',
    `/api/recordings/${recordingId}/share-links`,
    {
      expiresInSec: 3600,
    },
  );
  expect((await anonymous().request('GET', `/api/public/share/${link.token}`)).status).toBe(200);
  expect(await storedFiles(f.emulator.dataDir, openid, recordingId)).not.toHaveLength(0);

  const result = await owner.client.request('DELETE', `/api/recordings/${recordingId}`);

  expect(result).toMatchObject({ status: 200, body: { ok: true, data: { recordingId, deleted: true } } });
  expect((await anonymous().request('GET', `/api/public/share/${link.token}`)).status).toBe(403);
  expect((await anonymous().raw('GET', `/api/public/share/${link.token}/audio`)).status).toBe(403);
  expect(await storedFiles(f.emulator.dataDir, openid, recordingId)).toEqual([]);
  expect((await owner.client.request('GET', `/api/recordings/${recordingId}`)).status).toBe(404);
  const list = await owner.client.data<{ items: Array<{ _id: string }> }>('GET', '/api/recordings');
  expect(JSON.stringify(list)).not.toContain(recordingId);
  const links = await f.app.database().collection('shareLinks').where({ recordingId }).count();
  expect(links.total).toBe(0);
});

test('a teacher cannot delete another teacher’s recording: 404 and it stays', async () => {
  const { openid, recordingId } = await record(await newAssignment('Not yours'));
  const before = await storedFiles(f.emulator.dataDir, openid, recordingId);
  expect(before).not.toHaveLength(0);

  expect((await other.client.request('DELETE', `/api/recordings/${recordingId}`)).status).toBe(404);

  expect(await storedFiles(f.emulator.dataDir, openid, recordingId)).toEqual(before);
  expect((await owner.client.request('GET', `/api/recordings/${recordingId}`)).status).toBe(200);
});

test('deleting an assignment needs the number of its recordings and then removes them all', async () => {
  const assignmentId = await newAssignment('Graduated class');
  const made = [await record(assignmentId), await record(assignmentId)];
  const count = await owner.client.data('GET', `/api/assignments/${assignmentId}/recording-count`);
  expect(count).toEqual({ assignmentId, recordingCount: 2 });

  const wrong = await owner.client.request('DELETE', `/api/assignments/${assignmentId}`, {
    recordingCount: 1,
  });
  expect(wrong).toMatchObject({ status: 409, body: { ok: false, error: { code: 'CONFLICT' } } });
  expect((await owner.client.request('GET', `/api/recordings/${made[0]!.recordingId}`)).status).toBe(200);

  const done = await owner.client.data('DELETE', `/api/assignments/${assignmentId}`, { recordingCount: 2 });

  expect(done).toMatchObject({ assignmentId, deletedRecordings: 2 });
  for (const { openid, recordingId } of made) {
    expect(await storedFiles(f.emulator.dataDir, openid, recordingId)).toEqual([]);
  }
  expect((await owner.client.request('GET', `/api/assignments/${assignmentId}`)).status).toBe(404);
});

test('the admin page data says when a recording expires under its assignment’s retention', async () => {
  const { _id: assignmentId } = await owner.client.data<{ _id: string }>('POST', '/api/assignments', {
    title: 'Kept a week',
    prompt: 'Say hello.',
    maxDurationSec: 30,
    retentionDays: 7,
  });
  const { recordingId } = await record(assignmentId);
  const one = await owner.client.data<{ recording: { createdAt: string; expiresAt?: string } }>(
    'GET',
    `/api/recordings/${recordingId}`,
  );
  const week = 7 * 24 * 3600 * 1000;
  expect(Date.parse(one.recording.expiresAt!) - Date.parse(one.recording.createdAt)).toBe(week);
  const list = await owner.client.data<{ items: Array<{ _id: string; expiresAt?: string }> }>(
    'GET',
    `/api/recordings?assignmentId=${assignmentId}`,
  );
  expect(list.items.find((i) => i._id === recordingId)?.expiresAt).toBe(one.recording.expiresAt);

  await owner.client.data('PATCH', `/api/assignments/${assignmentId}`, { retentionDays: null });
  const cleared = await owner.client.data<{ recording: { expiresAt?: string } }>(
    'GET',
    `/api/recordings/${recordingId}`,
  );
  expect(cleared.recording.expiresAt).toBeUndefined();
});
