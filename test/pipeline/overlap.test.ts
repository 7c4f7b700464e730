import type { PcmAudio } from '../../pipeline/audio/pcm';
import { mp3FrameSamples } from '../../pipeline/audio/format';
import { encodeWav } from '../../pipeline/audio/wav';
import { LEASE_MS, leaseKeys } from '../../pipeline/recordings/lease';
import { COLLECTIONS, type LeaseDoc, type SegmentDoc } from '../../typings/documents';
import type { Envelope } from '../../typings/errors';
import type { FinalizeRecordingResponse, IngestSegmentResponse } from '../../typings/functions';
import { decodeMp3 } from '../../harness/audio-analysis';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, ingestAudio, newRecordingId, uploadWav } from '../../harness/pipeline';
import { storedFiles } from '../../harness/stored-files';
import { speechOfLength } from '../../simulator/speech';
import { ODD_SEGMENTS_SECONDS, threeOddSegments } from './support/odd-segments';
import { storedRecording } from './support/stored';

// Overlapping calls of finalizeRecording and ingestSegment through the real functions: the lease
// (pipeline/recordings/lease.ts) lets one run at a time; the other is told to retry or gets the result.
const STUDENT = 'student-overlap';
const SAMPLE_RATE = 16000;
const PLAYABLE = ['0.mp3', '1.mp3', '2.mp3', 'full.mp3'];
let emu: TestEmulator;
/** Every test records the same three segments of speech, each time under a new recording id. */
let parts: PcmAudio[];

beforeAll(async () => {
  const speech = speechOfLength(ODD_SEGMENTS_SECONDS, SAMPLE_RATE, 1);
  [emu, parts] = await Promise.all([startTestEmulator(), speech.then(threeOddSegments)]);
});
afterAll(() => emu.stop());

async function ingestAll(recordingId: string, parts: PcmAudio[]): Promise<void> {
  for (const [seq, audio] of parts.entries())
    await ingestAudio(emu.client(), STUDENT, recordingId, seq, audio);
}

function finalize(recordingId: string, segmentCount: number) {
  return callEnvelope<FinalizeRecordingResponse>(emu.client(), STUDENT, 'finalizeRecording', {
    recordingId,
    segmentCount,
  });
}

const db = () => emu.nodeApp().database();

async function docs<T>(collection: string, where: object): Promise<T[]> {
  return (await db().collection(collection).where(where).get()).data as T[];
}

const recordingDoc = (recordingId: string) => storedRecording(emu, recordingId);

/** Another caller's lease on `key`: live (expires later) or left by a killed instance (expired). */
async function holdLease(key: string, recordingId: string, expiresAtMs: number): Promise<void> {
  const lease: LeaseDoc = { _id: key, recordingId, holder: 'another-instance', expiresAtMs };
  await db().collection(COLLECTIONS.leases).add(lease);
}

function expectBusy(envelope: Envelope<unknown>): void {
  expect(envelope).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', retryable: true } });
}

/** Exactly one of everything: a ready document, the playable files only, full.mp3 of the whole audio. */
async function expectOneReadyRecording(recordingId: string, parts: PcmAudio[]): Promise<void> {
  const recording = await recordingDoc(recordingId);
  expect(recording).toMatchObject({
    status: 'ready',
    segmentCount: parts.length,
    cleanup: { state: 'done' },
  });
  const rows = await docs<SegmentDoc>(COLLECTIONS.segments, { recordingId });
  expect(rows.map((s) => [s.seq, s.status]).sort()).toEqual(parts.map((_, seq) => [seq, 'converted']));
  expect((await storedFiles(emu.dataDir, STUDENT, recordingId)).map((f) => f.name)).toEqual(PLAYABLE);
  const { fileContent } = await emu.nodeApp().downloadFile({ fileID: recording!.fullMp3FileID! });
  const decoded = await decodeMp3(fileContent as Buffer);
  const samples = parts.reduce((n, p) => n + p.samples.length, 0);
  expect(Math.abs(decoded.samples.length - samples)).toBeLessThanOrEqual(mp3FrameSamples(SAMPLE_RATE));
  expect(await docs(COLLECTIONS.leases, { recordingId })).toEqual([]);
}

describe('finalizeRecording under overlap', () => {
  it('two calls at once leave one full.mp3, one ready document and only what plays', async () => {
    const recordingId = newRecordingId();
    await ingestAll(recordingId, parts);
    const answers = await Promise.all([finalize(recordingId, 3), finalize(recordingId, 3)]);
    const ready = answers.filter((a) => a.ok);
    expect(ready.length).toBeGreaterThanOrEqual(1);
    for (const answer of answers) if (!answer.ok) expectBusy(answer);
    const again = await finalize(recordingId, 3);
    expect(again).toMatchObject({ ok: true, data: { status: 'ready' } });
    const fileIDs = new Set([...ready, again].map((a) => (a.ok ? a.data.fullMp3FileID : '')));
    expect(fileIDs.size).toBe(1);
    await expectOneReadyRecording(recordingId, parts);
  });

  it('a call while another still assembles is told to retry, and changes nothing', async () => {
    const recordingId = newRecordingId();
    await ingestAll(recordingId, parts);
    await holdLease(leaseKeys.finalize(recordingId), recordingId, Date.now() + LEASE_MS);
    expectBusy(await finalize(recordingId, 3));
    expect(await recordingDoc(recordingId)).toMatchObject({ status: 'recording' });
    expect((await storedFiles(emu.dataDir, STUDENT, recordingId)).map((f) => f.name)).not.toContain(
      'full.mp3',
    );
  });

  it('a lease left by a killed instance does not block once it has expired', async () => {
    const recordingId = newRecordingId();
    await ingestAll(recordingId, parts);
    await holdLease(leaseKeys.finalize(recordingId), recordingId, Date.now() - 1);
    expect(await finalize(recordingId, 3)).toMatchObject({ ok: true, data: { status: 'ready' } });
    await expectOneReadyRecording(recordingId, parts);
  });
});

describe('ingestSegment under overlap', () => {
  function ingest(recordingId: string, fileID: string, audio: PcmAudio) {
    return callEnvelope<IngestSegmentResponse>(emu.client(), STUDENT, 'ingestSegment', {
      recordingId,
      seq: 0,
      fileID,
      durationMs: Math.round((audio.samples.length * 1000) / SAMPLE_RATE),
      sampleRate: SAMPLE_RATE,
      channels: 1,
    });
  }

  it('two calls at once for one segment leave one converted row and one MP3', async () => {
    const recordingId = newRecordingId();
    const [audio] = parts;
    const fileID = await uploadWav(emu.client(), STUDENT, recordingId, 0, encodeWav(audio!));
    const answers = await Promise.all([
      ingest(recordingId, fileID, audio!),
      ingest(recordingId, fileID, audio!),
    ]);
    expect(answers.some((a) => a.ok)).toBe(true);
    for (const answer of answers) if (!answer.ok) expectBusy(answer);
    expect(await ingest(recordingId, fileID, audio!)).toMatchObject({
      ok: true,
      data: { status: 'converted' },
    });
    const rows = await docs<SegmentDoc>(COLLECTIONS.segments, { recordingId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: 0, status: 'converted' });
    expect(await docs(COLLECTIONS.recordings, { _id: recordingId })).toHaveLength(1);
    expect((await storedFiles(emu.dataDir, STUDENT, recordingId)).map((f) => f.name)).toEqual([
      '0.chain',
      '0.mp3',
      '0.wav',
    ]);
    expect(await docs(COLLECTIONS.leases, { recordingId })).toEqual([]);
  });

  it('a call while the segment is being converted elsewhere is told to retry, and writes nothing', async () => {
    const recordingId = newRecordingId();
    const [audio] = parts;
    const fileID = await uploadWav(emu.client(), STUDENT, recordingId, 0, encodeWav(audio!));
    await holdLease(leaseKeys.segment(recordingId, 0), recordingId, Date.now() + LEASE_MS);
    expectBusy(await ingest(recordingId, fileID, audio!));
    expect(await docs(COLLECTIONS.segments, { recordingId })).toEqual([]);
    expect((await storedFiles(emu.dataDir, STUDENT, recordingId)).map((f) => f.name)).toEqual(['0.wav']);
  });
});
