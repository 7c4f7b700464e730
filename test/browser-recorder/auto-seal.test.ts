/**
 * The server cuts a segment every `autoSealMs` of audio and confirms only what cloud storage holds; the
 * state to resume lives in the database, so an instance that never saw a recording carries it on.
 */
import { randomBytes } from 'node:crypto';
import { expectRecordingPlays } from './support/published-pcm';
import type { RecordingPublisher } from '../../admin/server/browser-recorder/publisher';
import { RecordingMetaStore } from '../../admin/server/browser-recorder/recording-meta';
import { openStores } from '../../pipeline/cloud-handle';
import type { ServerMessage } from '../../typings/browser-recorder';
import { deleteRecordingData } from '../../pipeline/recordings/delete-recording';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import { DelegatingPublisher, usePipelineHarness } from './support/pipeline-harness';
import { sendAudio, teacherSocket, type ProtocolClient } from '../../harness/browser-recorder/socket-client';

/** Passes segments to the real pipeline, notes where storage ends, and can hold them back on request. */
class WatchedPublisher extends DelegatingPublisher {
  storedAudioEnd = 0;
  /** Storage refuses every segment while set (as when it is down). */
  failing = false;
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate();
  }

  override async publishSegment(...args: Parameters<RecordingPublisher['publishSegment']>) {
    await this.gate;
    if (this.failing) throw new Error('storage is down');
    const done = await super.publishSegment(...args);
    this.storedAudioEnd = Math.max(this.storedAudioEnd, args[1].endOffset);
    return done;
  }
}

const publisher = new WatchedPublisher();
const recorder = usePipelineHarness(publisher, 4, { autoSealMs: 1000 });

function sendSpeech(client: ProtocolClient, from: number, to: number): void {
  sendAudio(client, recorder.speech, from, to);
}

/** Resolves with the first ack (already received or to come) that confirms at least `audio` bytes. */
function ackReaching(
  client: ProtocolClient,
  audio: number,
): Promise<Extract<ServerMessage, { type: 'ack' }>> {
  return new Promise((resolve) => {
    const check = () => {
      const found = client.messages.find((m) => m.type === 'ack' && m.confirmed.audio >= audio);
      if (found) resolve(found as Extract<ServerMessage, { type: 'ack' }>);
      return !!found;
    };
    if (!check()) client.ws.on('message', check);
  });
}

async function startRecording(): Promise<{ client: ProtocolClient; recordingId: string }> {
  const client = await teacherSocket(recorder.harness);
  client.ws.send(JSON.stringify({ type: 'start', kind: 'audio', sampleRate: 16000, channels: 1 }));
  const { recordingId } = await client.next('started');
  return { client, recordingId };
}

async function segmentCuts(recordingId: string): Promise<Array<[number, string | undefined]>> {
  const docs = await openStores(recorder.harness.cloud).db.find<SegmentDoc>(
    COLLECTIONS.segments,
    { recordingId },
    { orderBy: [['seq', 'asc']] },
  );
  return docs.map((doc) => [doc.seq, doc.cut]);
}

test('an ack never confirms audio that is not in cloud storage', async () => {
  publisher.hold();
  const { client } = await startRecording();
  const acks: number[] = [];
  const aheadOfStorage: number[] = [];
  client.ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    if (msg.type !== 'ack') return;
    acks.push(msg.confirmed.audio);
    if (msg.confirmed.audio > publisher.storedAudioEnd) aheadOfStorage.push(msg.confirmed.audio);
  });
  sendSpeech(client, 0, 3 * 32000);
  // Two automatic cuts are sealed, but storage is held back: the pause is answered with nothing confirmed.
  client.ws.send(JSON.stringify({ type: 'pause', seq: 0, audioOffset: 3 * 32000 }));
  await new Promise<void>((resolve) => client.ws.once('message', () => resolve()));
  expect(acks.at(-1)).toBe(0);

  publisher.release();
  await ackReaching(client, 3 * 32000);
  expect(aheadOfStorage).toEqual([]);
  expect(acks.filter((audio) => audio > 0)).toEqual([32000, 64000, 96000]);
  client.ws.close();
});

test('a resume on an instance that never saw the recording carries on from the database (and goes when the recording is deleted)', async () => {
  const { harness } = recorder;
  const { client, recordingId } = await startRecording();
  sendSpeech(client, 0, 2.5 * 32000);
  await ackReaching(client, 64000);
  await harness.restartServer({ freshDisk: true });

  const fresh = await teacherSocket(harness);
  fresh.ws.send(JSON.stringify({ type: 'resume', recordingId }));
  expect(await fresh.next('resumed')).toMatchObject({
    confirmed: { audio: 64000, video: 0 },
    sealedSegments: 2,
  });
  // The page resends everything above what storage holds, then goes on.
  sendSpeech(fresh, 64000, 4 * 32000);
  fresh.ws.send(JSON.stringify({ type: 'stop', audioOffset: 4 * 32000, videoOffset: 0 }));
  const { recording } = await fresh.next('finished');

  expect(recording).toMatchObject({ status: 'ready', segmentCount: 4, takeCount: 1, durationMs: 4000 });
  expect(await segmentCuts(recordingId)).toEqual([
    [0, 'auto'],
    [1, 'auto'],
    [2, 'auto'],
    [3, 'stop'],
  ]);
  await expectRecordingPlays(harness.cloud, recordingId, Buffer.from(recorder.speech.subarray(0, 4 * 32000)));

  // Its resume state goes with the recording when a teacher deletes it.
  const stores = openStores(harness.cloud);
  const doc = await stores.db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
  await deleteRecordingData(stores, doc!, 'teacher');
  expect(await stores.db.get(COLLECTIONS.browserRecordings, recordingId)).toBeUndefined();
});

test('a recording whose instance went quiet is claimed by exactly one of two other instances', async () => {
  const { db } = openStores(recorder.harness.cloud);
  let clock = Date.now();
  const dead = new RecordingMetaStore(db, recorder.harness.dataDir, 'admin_dead', () => clock);
  const recordingId = `br_${randomBytes(16).toString('base64url')}`;
  await dead.create({
    recordingId,
    ownerId: recorder.harness.teacher.id,
    kind: 'audio',
    sampleRate: 16000,
    channels: 1,
    fileBase: 'conn-1',
    maxAudioBytes: 32000,
    maxBytes: 32000,
    segments: [],
    videoParts: [],
    phase: 'recording',
    createdAt: new Date().toISOString(),
  });
  clock += 60_000;
  const [a, b] = ['admin_a', 'admin_b'].map(
    (id) => new RecordingMetaStore(db, recorder.harness.dataDir, id, () => clock),
  );
  const stale = (await a.listStale(30_000)).find((doc) => doc._id === recordingId)!;
  expect(stale.holder).toBe('admin_dead');

  const claims = await Promise.all([a.claimStale(stale), b.claimStale(stale)]);
  expect(claims.filter(Boolean)).toHaveLength(1);
  // The dead instance's writes no longer land.
  await expect(dead.save({ ...stale, phase: 'finalizing' })).rejects.toMatchObject({ code: 'CONFLICT' });
});

test('segments sealed but not yet stored when their instance went away are stored once by the next one', async () => {
  const { harness } = recorder;
  publisher.failing = true;
  const { client, recordingId } = await startRecording();
  sendSpeech(client, 0, 2.5 * 32000);
  client.ws.send(JSON.stringify({ type: 'pause', seq: 0, audioOffset: 2.5 * 32000 }));
  // Two automatic cuts and the pause are sealed in the state; storage has none of them.
  expect(await client.next('ack')).toMatchObject({ confirmed: { audio: 0 }, sealedSegments: 0 });
  await harness.restartServer({ freshDisk: true });
  publisher.failing = false;

  const fresh = await teacherSocket(harness);
  fresh.ws.send(JSON.stringify({ type: 'resume', recordingId }));
  expect(await fresh.next('resumed')).toMatchObject({ confirmed: { audio: 0, video: 0 }, sealedSegments: 0 });
  // The page resends everything in its order, the pause included.
  sendSpeech(fresh, 0, 2.5 * 32000);
  fresh.ws.send(JSON.stringify({ type: 'pause', seq: 0, audioOffset: 2.5 * 32000 }));
  sendSpeech(fresh, 2.5 * 32000, 3 * 32000);
  fresh.ws.send(JSON.stringify({ type: 'stop', audioOffset: 3 * 32000, videoOffset: 0 }));
  const { recording } = await fresh.next('finished');

  expect(recording).toMatchObject({ status: 'ready', segmentCount: 4, takeCount: 2, durationMs: 3000 });
  expect(await segmentCuts(recordingId)).toEqual([
    [0, 'auto'],
    [1, 'auto'],
    [2, 'pause'],
    [3, 'stop'],
  ]);
  await expectRecordingPlays(harness.cloud, recordingId, Buffer.from(recorder.speech.subarray(0, 3 * 32000)));
});
