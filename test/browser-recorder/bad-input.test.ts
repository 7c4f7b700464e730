/**
 * What the recorder socket does with input it must not accept: each case gets an error message with a
 * code and a closed socket, and whatever audio arrived before is still finished into a recording.
 */
import { readdir } from 'node:fs/promises';
import { encodeFrame, FrameStream } from '../../typings/browser-recorder';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { openStores } from '../../pipeline/cloud-handle';
import { speechPcm } from '../../simulator/speech';
import { useRecorderHarness } from './support/recorder-session';
import { connectRecorder, teacherSocket } from '../../harness/browser-recorder/socket-client';

const recorder = useRecorderHarness({
  withPage: false,
  // Each test opens its own recording as the same teacher; the per-owner quota has its own test (quotas.test.ts).
  recorder: { limits: { maxDurationMs: 1000, resumeWindowMs: 200, maxOpenPerOwner: 100 } },
});
let speech: Uint8Array;

beforeAll(async () => {
  const pcm = await speechPcm({ text: 'Reading aloud, one two three.', sampleRate: 16000, channels: 1 });
  speech = new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
}, 120_000);

async function startedSocket(kind: 'audio' | 'video' = 'audio') {
  const client = await teacherSocket(recorder.harness);
  client.ws.send(JSON.stringify({ type: 'start', kind, sampleRate: 16000, channels: 1 }));
  return { client, started: await client.next('started') };
}

function audioFrame(offset: number, bytes: Uint8Array): Uint8Array {
  return encodeFrame({ stream: FrameStream.audio, frameNo: 0, byteOffset: offset }, bytes);
}

async function recording(recordingId: string): Promise<RecordingDoc | undefined> {
  return openStores(recorder.harness.cloud).db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
}

test('a socket without a valid ticket gets UNAUTHENTICATED and is closed with 4401', async () => {
  const { harness } = recorder;
  const client = connectRecorder(harness.serverUrl, 'not-a-ticket');
  expect(await client.next('error')).toMatchObject({ code: 'UNAUTHENTICATED', fatal: true });
  expect((await client.closed).code).toBe(4401);
});

test('the ticket endpoint refuses a caller with no session or student cookie', async () => {
  const { harness } = recorder;
  const response = await fetch(`${harness.serverUrl}/record/api/ticket`);
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});

test('text that is not a JSON message gets INVALID_ARGUMENT and a 4400 close', async () => {
  const { harness } = recorder;
  const client = await teacherSocket(harness);
  client.ws.send('raw pcm as text');
  expect(await client.next('error')).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect((await client.closed).code).toBe(4400);
});

test('an unknown message type is named in the INVALID_ARGUMENT message', async () => {
  const { harness } = recorder;
  const client = await teacherSocket(harness);
  client.ws.send(JSON.stringify({ type: 'rewind' }));
  expect((await client.next('error')).message).toContain('"rewind"');
});

test('a start that announces 44.1 kHz stereo is refused', async () => {
  const { harness } = recorder;
  const client = await teacherSocket(harness);
  client.ws.send(JSON.stringify({ type: 'start', kind: 'audio', sampleRate: 44100, channels: 2 }));
  expect(await client.next('error')).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect((await readdir(harness.dataDir)).filter((name) => name.endsWith('.pcm'))).toHaveLength(0);
});

test('a media frame before start is refused', async () => {
  const { harness } = recorder;
  const client = await teacherSocket(harness);
  client.ws.send(audioFrame(0, speech.subarray(0, 3200)));
  expect((await client.next('error')).message).toContain('before "start"');
});

test('an odd-sized audio frame is refused and the audio before it is still finished into a recording', async () => {
  const { client, started } = await startedSocket();
  client.ws.send(audioFrame(0, speech.subarray(0, 8000)));
  client.ws.send(audioFrame(8000, speech.subarray(8000, 8001)));
  expect((await client.next('error')).message).toContain('whole 2-byte samples');
  expect((await client.closed).code).toBe(4400);
  // The page never came back: after the resume window the server finishes what it has.
  await waitFor(async () => (await recording(started.recordingId))?.status === 'ready');
  expect((await recording(started.recordingId))?.durationMs).toBe(250);
});

test('a video frame on an audio-only connection is refused', async () => {
  const { client } = await startedSocket('audio');
  client.ws.send(
    encodeFrame({ stream: FrameStream.video, frameNo: 0, byteOffset: 0 }, speech.subarray(0, 100)),
  );
  expect((await client.next('error')).message).toContain('audio only');
});

test('a frame that would leave a gap in the stream is refused', async () => {
  const { client } = await startedSocket();
  client.ws.send(audioFrame(3200, speech.subarray(0, 3200)));
  expect((await client.next('error')).message).toContain('leaves a gap');
});

test('audio past the maximum duration gets TOO_LARGE and the recording is finished at the limit', async () => {
  const { client, started } = await startedSocket();
  expect(started.maxDurationMs).toBe(1000);
  for (let offset = 0; offset < 48000; offset += 3200)
    client.ws.send(audioFrame(offset, speech.subarray(offset, offset + 3200)));
  expect(await client.next('error')).toMatchObject({ code: 'TOO_LARGE' });
  const finished = await client.next('finished');
  expect(finished.recording).toMatchObject({ status: 'ready', durationMs: 1000, segmentCount: 1 });
  expect((await client.closed).code).toBe(4413);
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition never held');
}
