/**
 * Abuse of the browser recorder by someone holding an identity: many recordings at once, far more video
 * than the assignment's length allows, and stream files left behind on the server's disk.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createAssignment } from '../../admin/server/assignments/store';
import { DEFAULT_RECORDER_LIMITS } from '../../admin/server/browser-recorder';
import { openStores } from '../../pipeline/cloud-handle';
import { encodeFrame, FrameStream } from '../../typings/browser-recorder';
import type { AssignmentDoc } from '../../typings/documents';
import { teacherSocket } from '../../harness/browser-recorder/socket-client';
import { useRecorderHarness } from './support/recorder-session';
import { outcome, start } from './support/start-outcome';

const recorder = useRecorderHarness({ withPage: false, recorder: { limits: { resumeWindowMs: 200 } } });
let fiveSeconds: AssignmentDoc;

beforeAll(async () => {
  const { harness } = recorder;
  fiveSeconds = await createAssignment(openStores(harness.cloud).db, harness.teacher.id, {
    title: 'Five seconds',
    prompt: 'Say hello',
    maxDurationSec: 5,
  });
});

async function streamFiles(): Promise<string[]> {
  return (await readdir(recorder.harness.dataDir)).filter((name) => /\.(pcm|webm)$/.test(name));
}

// Each test starts with no recording open and no stream file: what a test leaves open is closed after it,
// and once its resume window passes it is finished (empty) and its files go.
const opened: Array<Awaited<ReturnType<typeof teacherSocket>>> = [];
async function socket() {
  const client = await teacherSocket(recorder.harness);
  opened.push(client);
  return client;
}
afterEach(async () => {
  for (const client of opened.splice(0)) client.ws.close();
  const deadline = Date.now() + 30_000;
  while ((await streamFiles()).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`stream files left behind: ${(await streamFiles()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test('ten recordings opened at once by one identity: only the allowed number start', async () => {
  const clients = await Promise.all(Array.from({ length: 10 }, () => socket()));
  for (const client of clients) start(client, 'audio');
  const outcomes = await Promise.all(clients.map(outcome));
  expect(outcomes.filter((o) => o === 'started')).toHaveLength(DEFAULT_RECORDER_LIMITS.maxOpenPerOwner);
  expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(
    10 - DEFAULT_RECORDER_LIMITS.maxOpenPerOwner,
  );
});

test('20 MB of video on a 5-second assignment is cut at what five seconds allow', async () => {
  const client = await socket();
  start(client, 'video', fiveSeconds._id);
  const { recordingId } = await client.next('started');
  const chunk = new Uint8Array(256 * 1024 - 64).fill(7);
  for (let i = 0; i < 80 && client.ws.readyState === client.ws.OPEN; i += 1) {
    client.ws.send(
      encodeFrame({ stream: FrameStream.video, frameNo: i, byteOffset: i * chunk.length }, chunk),
    );
  }
  const error = await client.next('error');
  expect(error).toMatchObject({ code: 'TOO_LARGE' });
  const allowed = 5 * DEFAULT_RECORDER_LIMITS.videoBytesPerSecond + 1024 * 1024;
  const [video] = (await streamFiles()).filter((name) => name.endsWith('.webm'));
  expect(video).toBeDefined();
  expect((await stat(path.join(recorder.harness.dataDir, video ?? ''))).size).toBeLessThanOrEqual(allowed);
  expect(recordingId).toMatch(/^br_/);
});

test('a finished recording leaves no stream file behind, junk video included', async () => {
  const client = await socket();
  start(client, 'video');
  await client.next('started');
  const audio = new Uint8Array(16000 * 2).fill(1);
  client.ws.send(encodeFrame({ stream: FrameStream.audio, frameNo: 0, byteOffset: 0 }, audio));
  const junk = new Uint8Array(64 * 1024).fill(9);
  client.ws.send(encodeFrame({ stream: FrameStream.video, frameNo: 0, byteOffset: 0 }, junk));
  client.ws.send(JSON.stringify({ type: 'stop', audioOffset: audio.length, videoOffset: junk.length }));
  const { recording } = await client.next('finished');
  expect(recording.segmentCount).toBe(1);
  expect(recording.videoFileID).toBeUndefined();
  expect(await streamFiles()).toEqual([]);
});
