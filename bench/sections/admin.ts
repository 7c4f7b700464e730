/**
 * Admin section of `npm run bench` (issue 5): against the emulator and the real admin server process,
 * - the time to list a page of 50 out of 10,000 recordings (median of several runs, several queries);
 * - the time to build one assignment's class progress (its 500 recordings reduced to one per student);
 * - the server's peak RSS while it streams a zip of 100 recordings, next to the zip's size.
 *
 * Run alone: `npm run bench admin`.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { COLLECTIONS, type RecordingDoc, type ReviewStatus } from '../../typings/documents';
import { fullMp3Path } from '../../typings/paths';
import { createTeacher } from '../../admin/server/teachers';
import { startAdminProcess, type AdminProcess } from '../../harness/admin/admin-process';
import { AdminClient } from '../../harness/admin/http-client';
import { insertAll, insertStudent, seededRecording } from '../../harness/admin/seed';
import { startTestEmulator, type NodeApp } from '../../harness/emulator';
import { speechOfLength } from '../../simulator/speech';
import { median, percentile, type BenchRow, type BenchSection } from '../types';

const SECTION = 'admin';
const RECORDINGS = 10_000;
const STUDENTS = 500;
const ASSIGNMENTS = 20;
const RUNS = 9;
const ZIP_RECORDINGS = 100;
const ZIP_SPEECH_SECONDS = 300;
const STATUSES: RecordingDoc['status'][] = ['ready', 'ready', 'ready', 'ready', 'partial', 'failed'];

async function createAssignments(client: AdminClient, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = { title: `Assignment ${i + 1}`, prompt: 'Read aloud.', maxDurationSec: 120 };
    ids.push((await client.data<{ _id: string }>('POST', '/api/assignments', body))._id);
  }
  return ids;
}

function review(i: number, teacherId: string) {
  const status: ReviewStatus = i % 3 === 0 ? 'reviewed' : 'needs_review';
  return { status, score: i % 101, reviewedBy: teacherId, reviewedAt: new Date() };
}

async function seedRecordings(app: NodeApp, teacherId: string, assignmentIds: string[]): Promise<void> {
  for (let s = 0; s < STUDENTS; s += 1) await insertStudent(app, `stu${s}`, `Student ${s}`);
  const start = Date.UTC(2026, 8, 1);
  const docs = Array.from({ length: RECORDINGS }, (_, i) =>
    seededRecording({
      _openid: `stu${i % STUDENTS}`,
      assignmentId: assignmentIds[i % assignmentIds.length],
      status: STATUSES[i % STATUSES.length],
      durationMs: 5000 + ((i * 7919) % 115000),
      createdAt: new Date(start + i * 60_000),
      ...(i % 2 ? { review: review(i, teacherId) } : {}),
    }),
  );
  await insertAll(app, COLLECTIONS.recordings, docs);
}

async function timeListing(client: AdminClient, query: string): Promise<number[]> {
  await client.data('GET', `/api/recordings${query}`); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    const page = await client.data<{ items: unknown[] }>('GET', `/api/recordings${query}`);
    times.push(performance.now() - start);
    if (page.items.length !== 50)
      throw new Error(`expected a full page of 50 for ${query}, got ${page.items.length}`);
  }
  return times;
}

async function listingRows(client: AdminClient, assignmentIds: string[]): Promise<BenchRow[]> {
  const queries: Array<[string, string]> = [
    ['newest first, page 1', '?pageSize=50'],
    ['newest first, page 100', '?pageSize=50&page=100'],
    ['needs review, by score', '?pageSize=50&state=needs_review&sort=score&order=desc'],
    [
      'one assignment, since a date, by duration',
      `?pageSize=50&assignmentId=${assignmentIds[0]}&from=2026-09-01&sort=durationMs`,
    ],
  ];
  const rows: BenchRow[] = [];
  for (const [label, query] of queries) {
    const times = await timeListing(client, query);
    const p95 = percentile(times, 95);
    rows.push(
      {
        section: SECTION,
        metric: `list 50 of ${RECORDINGS}: ${label} p50`,
        value: median(times),
        unit: 'ms',
      },
      {
        section: SECTION,
        metric: `list 50 of ${RECORDINGS}: ${label} p95`,
        value: p95,
        unit: 'ms',
        target: '≤ 100 ms',
        pass: p95 <= 100,
        note: `${RUNS} runs`,
      },
    );
  }
  return rows;
}

/** One assignment's class progress page: 500 submissions from 25 students, 20 each (the seed's spread). */
async function progressRows(client: AdminClient, assignmentIds: string[]): Promise<BenchRow[]> {
  const url = `/api/assignments/${assignmentIds[1]}/progress`;
  await client.data('GET', url); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await client.data('GET', url);
    times.push(performance.now() - start);
  }
  const perAssignment = RECORDINGS / ASSIGNMENTS;
  return [
    {
      section: SECTION,
      metric: `progress of one assignment (${perAssignment} recordings)`,
      value: median(times),
      unit: 'ms',
      note: `median of ${RUNS}`,
    },
  ];
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

async function seedZipAssignment(app: NodeApp, client: AdminClient): Promise<string> {
  const [assignmentId] = await createAssignments(client, 1);
  const mp3 = await encodeMp3(await speechOfLength(ZIP_SPEECH_SECONDS, 16000, 1));
  const docs: RecordingDoc[] = [];
  for (let i = 0; i < ZIP_RECORDINGS; i += 1) {
    const openid = `zipstu${i}`;
    const recordingId = randomBytes(16).toString('base64url');
    const { fileID } = await app.uploadFile({
      cloudPath: fullMp3Path(openid, recordingId),
      fileContent: mp3,
    });
    docs.push(seededRecording({ _id: recordingId, _openid: openid, assignmentId, fullMp3FileID: fileID }));
  }
  await insertAll(app, COLLECTIONS.recordings, docs);
  return assignmentId;
}

/** Downloads the zip as fast as the client can read it while sampling the server's RSS every 10 ms. */
async function measureZip(server: AdminProcess, client: AdminClient, assignmentId: string) {
  const baseline = rssMiB(server.pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(server.pid))), 10);
  const start = performance.now();
  let bytes = 0;
  try {
    const res = await client.raw('GET', `/api/assignments/${assignmentId}/recordings.zip`);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  } finally {
    clearInterval(sampler);
  }
  return { baseline, peak, bytes, seconds: (performance.now() - start) / 1000 };
}

async function zipRows(app: NodeApp, server: AdminProcess, client: AdminClient): Promise<BenchRow[]> {
  const assignmentId = await seedZipAssignment(app, client);
  const zip = await measureZip(server, client, assignmentId);
  const note = `${ZIP_RECORDINGS} × ${ZIP_SPEECH_SECONDS / 60} min MP3`;
  return [
    {
      section: SECTION,
      metric: 'zip of 100 recordings: size',
      value: zip.bytes / 2 ** 20,
      unit: 'MiB',
      note,
    },
    { section: SECTION, metric: 'zip: server RSS before', value: zip.baseline, unit: 'MiB' },
    {
      section: SECTION,
      metric: 'zip: server peak RSS',
      value: zip.peak,
      unit: 'MiB',
      note: 'sampled every 10 ms',
    },
    { section: SECTION, metric: 'zip: peak RSS growth', value: zip.peak - zip.baseline, unit: 'MiB' },
    {
      section: SECTION,
      metric: 'zip: download rate',
      value: zip.bytes / 2 ** 20 / zip.seconds,
      unit: 'MiB/s',
    },
  ];
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const emulator = await startTestEmulator();
    let server: AdminProcess | undefined;
    try {
      const app = emulator.nodeApp();
      server = await startAdminProcess({ emulatorUrl: emulator.url, envId: emulator.envId });
      const teacher = await createTeacher(app, { username: 'bench', password: 'bench-password' });
      const client = new AdminClient(server.url);
      await client.login('bench', 'bench-password');
      const assignmentIds = await createAssignments(client, ASSIGNMENTS);
      await seedRecordings(app, teacher._id, assignmentIds);
      return [
        ...(await listingRows(client, assignmentIds)),
        ...(await progressRows(client, assignmentIds)),
        ...(await zipRows(app, server, client)),
      ];
    } finally {
      await server?.close();
      await emulator.stop();
    }
  },
};

export default section;
