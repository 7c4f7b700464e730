import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RecordingDoc, SegmentDoc } from '../../typings/documents';
import { decodeMp3 } from '../../harness/audio-analysis';
import { startAdminFixture, type AdminFixture } from './support/fixture';
import type { AdminClient } from '../../harness/admin/http-client';
import { newOpenid, recordThroughPipeline } from './support/pipeline-recording';

const run = promisify(execFile);

let f: AdminFixture;
let teacher: { client: AdminClient; teacherId: string };
let assignmentId: string;
const recordings: Array<{ recordingId: string; openid: string; fullMp3FileID?: string }> = [];
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'admin-audio-'));
  f = await startAdminFixture();
  teacher = await f.teacher('listener');
  assignmentId = (
    await teacher.client.data<{ _id: string }>('POST', '/api/assignments', {
      title: '朗读 Unit 1',
      prompt: 'Read two sentences.',
      maxDurationSec: 60,
    })
  )._id;
  for (const name of ['Li Lei', 'Han Meimei']) {
    const openid = newOpenid();
    const texts = [`My name is ${name}.`, 'I like reading books in the morning.'];
    const result = await recordThroughPipeline(f.app, { openid, studentName: name, assignmentId, texts });
    recordings.push({ recordingId: result.recordingId, openid, fullMp3FileID: result.fullMp3FileID });
  }
}, 120000);
afterAll(async () => {
  await f.close();
  await rm(workDir, { recursive: true, force: true });
});

async function stored(fileID: string): Promise<Buffer> {
  return (await f.app.downloadFile({ fileID })).fileContent as Buffer;
}

test('a recording made by the real pipeline is listed with its student and two converted segments', async () => {
  const list = await teacher.client.data<{ items: Array<RecordingDoc & { studentName: string }> }>(
    'GET',
    `/api/recordings?assignmentId=${assignmentId}&sort=createdAt&order=asc`,
  );
  expect(list.items.map((r) => [r._id, r.studentName, r.status])).toEqual([
    [recordings[0].recordingId, 'Li Lei', 'ready'],
    [recordings[1].recordingId, 'Han Meimei', 'ready'],
  ]);
  const detail = await teacher.client.data<{ segments: SegmentDoc[] }>(
    'GET',
    `/api/recordings/${recordings[0].recordingId}`,
  );
  expect(detail.segments.map((s) => [s.seq, s.status])).toEqual([
    [0, 'converted'],
    [1, 'converted'],
  ]);
});

test('the audio endpoint streams the stored MP3 byte for byte, and it decodes to speech-length audio', async () => {
  const { recordingId, fullMp3FileID } = recordings[0];
  const res = await teacher.client.raw('GET', `/api/recordings/${recordingId}/audio`);
  expect(res.headers.get('content-type')).toBe('audio/mpeg');
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.equals(await stored(fullMp3FileID as string))).toBe(true);
  const decoded = await decodeMp3(body);
  expect(decoded.samples.length / decoded.sampleRate).toBeGreaterThan(1.5);
});

test('download=1 asks the browser to save the MP3 under the recording id', async () => {
  const { recordingId } = recordings[0];
  const res = await teacher.client.raw('GET', `/api/recordings/${recordingId}/audio?download=1`);
  expect(res.headers.get('content-disposition')).toContain(`filename="${recordingId}.mp3"`);
  await res.arrayBuffer();
});

test('per-segment audio streams that segment’s own MP3', async () => {
  const { recordingId } = recordings[1];
  const detail = await teacher.client.data<{ segments: SegmentDoc[] }>(
    'GET',
    `/api/recordings/${recordingId}`,
  );
  const res = await teacher.client.raw('GET', `/api/recordings/${recordingId}/segments/1/audio`);
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.equals(await stored(detail.segments[1].mp3FileID as string))).toBe(true);
});

test('the assignment zip holds every recording’s MP3, byte for byte, in a folder per student', async () => {
  const res = await teacher.client.raw('GET', `/api/assignments/${assignmentId}/recordings.zip`);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
  const zipPath = path.join(workDir, 'all.zip');
  await writeFile(zipPath, Buffer.from(await res.arrayBuffer()));
  const names = (await run('zipinfo', ['-1', zipPath])).stdout.trim().split('\n').sort();
  expect(names).toEqual([
    `Han Meimei/${recordings[1].recordingId}.mp3`,
    `Li Lei/${recordings[0].recordingId}.mp3`,
  ]);
  const entry = await run('unzip', ['-p', zipPath, `Li Lei/${recordings[0].recordingId}.mp3`], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(entry.stdout.equals(await stored(recordings[0].fullMp3FileID as string))).toBe(true);
});

test('another teacher gets NOT_FOUND for the audio and the zip', async () => {
  const other = await f.teacher('eavesdropper');
  expect((await other.client.raw('GET', `/api/recordings/${recordings[0].recordingId}/audio`)).status).toBe(
    404,
  );
  expect((await other.client.raw('GET', `/api/assignments/${assignmentId}/recordings.zip`)).status).toBe(404);
});

test('a recording whose MP3 vanished from storage is listed in MISSING.txt, not silently dropped', async () => {
  // An assignment of its own (one kept recording, one lost), so the other tests' counts stay as they are.
  const own = (
    await teacher.client.data<{ _id: string }>('POST', '/api/assignments', {
      title: 'Lost files',
      prompt: '',
      maxDurationSec: 60,
    })
  )._id;
  const kept = { openid: newOpenid(), studentName: 'Kept File', assignmentId: own };
  await recordThroughPipeline(f.app, { ...kept, texts: ['This file stays.'] });
  const lost = await recordThroughPipeline(f.app, {
    openid: newOpenid(),
    studentName: 'Lost File',
    assignmentId: own,
    texts: ['This file will be deleted.'],
  });
  await f.app.deleteFile({ fileList: [lost.fullMp3FileID as string] });
  const res = await teacher.client.raw('GET', `/api/assignments/${own}/recordings.zip`);
  const zipPath = path.join(workDir, 'missing.zip');
  await writeFile(zipPath, Buffer.from(await res.arrayBuffer()));
  const names = (await run('zipinfo', ['-1', zipPath])).stdout.trim().split('\n');
  expect(names).toHaveLength(2);
  expect(names).toContain('MISSING.txt');
  const missing = (await run('unzip', ['-p', zipPath, 'MISSING.txt'])).stdout;
  expect(missing).toContain(`Lost File/${lost.recordingId}.mp3`);
});
