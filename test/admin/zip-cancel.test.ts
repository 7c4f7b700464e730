import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { COLLECTIONS } from '../../typings/documents';
import { fullMp3Path } from '../../typings/paths';
import { speechOfLength } from '../../simulator/speech';
import { startAdminFixture, type AdminFixture } from './support/fixture';
import type { AdminClient } from '../../harness/admin/http-client';
import { insertAll, seededRecording } from '../../harness/admin/seed';

const run = promisify(execFile);
const RECORDINGS = 12;

let f: AdminFixture;
let teacher: { client: AdminClient; teacherId: string };
let assignmentId: string;
let workDir: string;
const server = () => f.server;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), 'admin-zip-'));
  f = await startAdminFixture();
  teacher = await f.teacher('zipper');
  const body = { title: 'Long readings', prompt: 'Read for two minutes.', maxDurationSec: 600 };
  assignmentId = (await teacher.client.data<{ _id: string }>('POST', '/api/assignments', body))._id;
  // Two minutes of real speech per recording: a zip of several MiB, far more than one network chunk.
  const mp3 = await encodeMp3(await speechOfLength(120, 16000, 1));
  const docs = [];
  for (let i = 0; i < RECORDINGS; i += 1) {
    const [openid, recordingId] = [`stu${i}`, randomBytes(16).toString('base64url')];
    const { fileID } = await f.app.uploadFile({
      cloudPath: fullMp3Path(openid, recordingId),
      fileContent: mp3,
    });
    docs.push(seededRecording({ _id: recordingId, _openid: openid, assignmentId, fullMp3FileID: fileID }));
  }
  await insertAll(f.app, COLLECTIONS.recordings, docs);
}, 120000);
afterAll(async () => {
  await f.close();
  await rm(workDir, { recursive: true, force: true });
});

test('a zip download cancelled after its first bytes leaves the server up and serving the next one whole', async () => {
  const cancel = new AbortController();
  const first = await fetch(`${f.url}/api/assignments/${assignmentId}/recordings.zip`, {
    headers: { cookie: teacher.client.cookie },
    signal: cancel.signal,
  });
  const reader = (first.body as ReadableStream<Uint8Array>).getReader();
  expect((await reader.read()).value?.length).toBeGreaterThan(0);
  cancel.abort();
  await reader.cancel().catch(() => undefined);

  const res = await teacher.client.raw('GET', `/api/assignments/${assignmentId}/recordings.zip`);
  const zipPath = path.join(workDir, 'whole.zip');
  await writeFile(zipPath, Buffer.from(await res.arrayBuffer()));
  await run('unzip', ['-tq', zipPath]);
  // The cancelled stream must not have crashed the server process (an unhandled stream error would).
  expect(server().output()).not.toMatch(/Unhandled 'error' event|AbortError/);
  const names = (await run('zipinfo', ['-1', zipPath])).stdout.trim().split('\n');
  expect(names).toHaveLength(RECORDINGS);
  expect(names.every((name) => /^stu\d+\/[\w-]+\.mp3$/.test(name))).toBe(true);
}, 120000);
