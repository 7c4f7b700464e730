/**
 * The recorder server goes away mid-recording. A page that comes back resumes from what is on disk and
 * the recording ends whole; a recording nobody comes back for is finished by the new server on its own.
 */
import { expectRecordingPlays } from './support/published-pcm';
import { createAssignment } from '../../admin/server/assignments/store';
import { openStores } from '../../pipeline/cloud-handle';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { speechOfLength } from '../../simulator/speech';
import { useRecorderHarness } from './support/recorder-session';
import {
  connectRecorder,
  registerStudent,
  sendAudio,
  teacherSocket,
  ticketFor,
  type ProtocolClient,
} from '../../harness/browser-recorder/socket-client';

const recorder = useRecorderHarness({ withPage: false, recorder: { limits: { resumeWindowMs: 500 } } });
let speech: Uint8Array;

beforeAll(async () => {
  const pcm = await speechOfLength(3, 16000, 1);
  speech = new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
}, 120_000);

function sendSpeech(client: ProtocolClient, from: number, to: number): void {
  sendAudio(client, speech, from, to);
}

async function startRecording(bytes: number): Promise<string> {
  const client = await teacherSocket(recorder.harness);
  client.ws.send(JSON.stringify({ type: 'start', kind: 'audio', sampleRate: 16000, channels: 1 }));
  const { recordingId } = await client.next('started');
  sendSpeech(client, 0, bytes);
  client.ws.send(JSON.stringify({ type: 'pause', seq: 0, audioOffset: bytes }));
  await new Promise<void>((resolve) => {
    client.ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; sealedSegments?: number };
      if (msg.type === 'ack' && msg.sealedSegments === 1) resolve();
    });
  });
  return recordingId;
}

async function recordingDoc(recordingId: string): Promise<RecordingDoc | undefined> {
  return openStores(recorder.harness.cloud).db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
}

test('after a server restart the page resumes from the bytes on disk and the recording ends whole', async () => {
  const { harness } = recorder;
  const recordingId = await startRecording(32000);
  await harness.restartServer();

  const client = await teacherSocket(harness);
  client.ws.send(JSON.stringify({ type: 'resume', recordingId }));
  const resumed = await client.next('resumed');
  expect(resumed).toMatchObject({ confirmed: { audio: 32000, video: 0 }, sealedSegments: 1 });
  sendSpeech(client, 32000, 64000);
  client.ws.send(JSON.stringify({ type: 'stop', audioOffset: 64000, videoOffset: 0 }));
  const { recording } = await client.next('finished');

  expect(recording).toMatchObject({ recordingId, status: 'ready', segmentCount: 2, durationMs: 2000 });
  await expectRecordingPlays(harness.cloud, recordingId, Buffer.from(speech.subarray(0, 64000)));
});

test('a recording left unfinished by a previous run is finished by the next server when nobody resumes it', async () => {
  const { harness } = recorder;
  const recordingId = await startRecording(16000);
  await harness.restartServer();

  for (let i = 0; i < 300 && (await recordingDoc(recordingId))?.status !== 'ready'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(await recordingDoc(recordingId)).toMatchObject({
    status: 'ready',
    segmentCount: 1,
    durationMs: 500,
  });
});

test('resuming someone else’s recording is refused with NOT_OWNER', async () => {
  const { harness } = recorder;
  const recordingId = await startRecording(3200);
  const assignment = await createAssignment(openStores(harness.cloud).db, harness.teacher.id, {
    title: 'Spelling',
    prompt: 'Spell it',
    maxDurationSec: 30,
  });
  const registered = await registerStudent(harness.serverUrl, {
    name: 'Wei',
    className: 'Class 1',
    assignmentId: assignment._id,
  });
  const cookie = registered.headers.get('set-cookie')!.split(';')[0];
  const student = connectRecorder(harness.serverUrl, await ticketFor(harness.serverUrl, cookie));
  await student.next('hello');
  student.ws.send(JSON.stringify({ type: 'resume', recordingId }));

  expect(await student.next('error')).toMatchObject({ code: 'NOT_OWNER' });
  expect((await student.closed).code).toBe(4400);
});
