/**
 * Deleting a browser recording (the teacher's, an assignment's or retention's delete all run
 * deleteRecordingData) takes its video parts too, and a stream still storing pieces when the delete came
 * does not bring the recording back: the delete wins, the page is told, and what landed after it goes.
 * Checked on the emulator's storage folder and the database.
 */
import type { RecordingPublisher } from '../../admin/server/browser-recorder/publisher';
import { storedFiles } from '../../harness/stored-files';
import { encodeFrame, FrameStream, RECORDER_CLOSE } from '../../typings/browser-recorder';
import { openStores } from '../../pipeline/cloud-handle';
import { deleteRecordingData } from '../../pipeline/recordings/delete-recording';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { sendAudio, teacherSocket, type ProtocolClient } from '../../harness/browser-recorder/socket-client';
import { DelegatingPublisher, usePipelineHarness } from './support/pipeline-harness';

/** The real pipeline, with a gate that holds pieces on their way to storage. */
class GatedPublisher extends DelegatingPublisher {
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;
  /** Resolves when a piece reaches the closed gate. */
  waiting: Promise<void> = Promise.resolve();
  private arrived: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
    this.waiting = new Promise((resolve) => (this.arrived = resolve));
  }

  release(): void {
    this.openGate();
  }

  override async publishSegment(...args: Parameters<RecordingPublisher['publishSegment']>) {
    this.arrived();
    await this.gate;
    return super.publishSegment(...args);
  }

  override async storeVideoPart(...args: Parameters<RecordingPublisher['storeVideoPart']>) {
    this.arrived();
    await this.gate;
    return super.storeVideoPart(...args);
  }
}

const SECOND = 32000; // bytes of 16 kHz mono PCM
const publisher = new GatedPublisher();
const recorder = usePipelineHarness(publisher, 4, { autoSealMs: 1000 });

/** Not a WebM: the server stores video parts as they come, and joining them at the end fails. */
function sendVideo(client: ProtocolClient, from: number, to: number): void {
  const bytes = new Uint8Array(to - from).fill(7);
  client.ws.send(encodeFrame({ stream: FrameStream.video, frameNo: 0, byteOffset: from }, bytes));
}

async function startVideoRecording(): Promise<{ client: ProtocolClient; recordingId: string }> {
  const client = await teacherSocket(recorder.harness);
  client.ws.send(JSON.stringify({ type: 'start', kind: 'video', sampleRate: 16000, channels: 1 }));
  const { recordingId } = await client.next('started');
  return { client, recordingId };
}

function ackReaching(client: ProtocolClient, audio: number, video: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const reached = client.messages.some(
        (m) => m.type === 'ack' && m.confirmed.audio >= audio && m.confirmed.video >= video,
      );
      if (reached) resolve();
      return reached;
    };
    if (!check()) client.ws.on('message', check);
  });
}

async function leftovers(recordingId: string): Promise<string[]> {
  const { harness } = recorder;
  const { db } = openStores(harness.cloud);
  const files = await storedFiles(harness.emu.dataDir, harness.teacher.id, recordingId);
  const docs = [
    (await db.get(COLLECTIONS.recordings, recordingId)) ? 'recordings' : '',
    (await db.get(COLLECTIONS.browserRecordings, recordingId)) ? 'browserRecordings' : '',
    (await db.count(COLLECTIONS.segments, { recordingId })) > 0 ? 'segments' : '',
  ];
  return [...files.map((f) => f.name), ...docs.filter((d) => d !== '')];
}

async function deleteAsTeacher(recordingId: string): Promise<void> {
  const stores = openStores(recorder.harness.cloud);
  const doc = await stores.db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
  await deleteRecordingData(stores, doc!, 'teacher');
}

test('a video recording deleted while it streams leaves nothing behind, and the piece in flight does not bring it back', async () => {
  const { client, recordingId } = await startVideoRecording();
  sendVideo(client, 0, 40_000);
  sendAudio(client, recorder.speech, 0, 1.5 * SECOND);
  await ackReaching(client, SECOND, 40_000); // segment 0 and video part 0 are in storage
  publisher.hold();
  sendVideo(client, 40_000, 60_000);
  sendAudio(client, recorder.speech, 1.5 * SECOND, 2.5 * SECOND);
  await publisher.waiting; // segment 1 and part 1 are sealed, on their way to storage
  expect(await leftovers(recordingId)).toEqual(
    expect.arrayContaining(['0.mp3', '0.wav', 'video-parts/0.webm', 'browserRecordings']),
  );

  await deleteAsTeacher(recordingId);
  publisher.release();
  // The page streams on until it is told; the delete wins.
  let offset = 2.5 * SECOND;
  const told = client.next('error');
  const streaming = setInterval(() => {
    if (offset >= recorder.speech.byteLength) return;
    sendAudio(client, recorder.speech, offset, offset + 3200);
    offset += 3200;
  }, 100);
  const error = await told.finally(() => clearInterval(streaming));
  expect(error).toMatchObject({ type: 'error', code: 'NOT_FOUND', fatal: true });
  expect((await client.closed).code).toBe(RECORDER_CLOSE.badInput);

  // What landed after the delete is removed right after the page is told.
  let left = await leftovers(recordingId);
  while (left.length > 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = await leftovers(recordingId);
  }
  expect(left).toEqual([]);
});

test('a finished recording whose video could not be joined keeps its parts until it is deleted, then nothing is left', async () => {
  publisher.release();
  const { client, recordingId } = await startVideoRecording();
  sendVideo(client, 0, 30_000);
  sendAudio(client, recorder.speech, 0, 1.5 * SECOND);
  client.ws.send(JSON.stringify({ type: 'stop', audioOffset: 1.5 * SECOND, videoOffset: 30_000 }));
  expect((await client.next('finished')).recording).toMatchObject({ status: 'ready' });
  expect(await leftovers(recordingId)).toEqual(expect.arrayContaining(['video-parts/0.webm']));

  await deleteAsTeacher(recordingId);
  expect(await leftovers(recordingId)).toEqual([]);
});
