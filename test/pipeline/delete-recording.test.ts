import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { COLLECTIONS } from '../../typings/documents';
import type { DeleteRecordingResponse, FinalizeRecordingResponse } from '../../typings/functions';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { storedFiles } from '../../harness/stored-files';
import { speechOfLength } from '../../simulator/speech';

const ALICE = 'student-alice-delete';
const BOB = 'student-bob-delete';
let emu: TestEmulator;
let speech: PcmAudio;

beforeAll(async () => {
  emu = await startTestEmulator();
  speech = await speechOfLength(3, 16000, 1);
});
afterAll(async () => {
  await emu.stop();
});

/** A ready two-segment recording of `openid`'s, plus a WAV that landed after it (never ingested). */
async function recordingOf(openid: string): Promise<string> {
  const recordingId = newRecordingId();
  await ingestAudio(emu.client(), openid, recordingId, 0, sliceFrames(speech, 0, 20_011));
  await ingestAudio(emu.client(), openid, recordingId, 1, sliceFrames(speech, 20_011, 41_000));
  await callOk<FinalizeRecordingResponse>(emu.client(), openid, 'finalizeRecording', {
    recordingId,
    segmentCount: 2,
  });
  return recordingId;
}

async function docsOf(recordingId: string): Promise<number> {
  const db = emu.nodeApp().database();
  const [recordings, segments] = await Promise.all([
    db.collection(COLLECTIONS.recordings).where({ _id: recordingId }).count(),
    db.collection(COLLECTIONS.segments).where({ recordingId }).count(),
  ]);
  return (recordings.total ?? 0) + (segments.total ?? 0);
}

it('a student deletes their own recording: no document and no file of it remains', async () => {
  const recordingId = await recordingOf(ALICE);
  expect(await storedFiles(emu.dataDir, ALICE, recordingId)).not.toHaveLength(0);

  const result = await callOk<DeleteRecordingResponse>(emu.client(), ALICE, 'deleteRecording', {
    recordingId,
  });

  expect(result).toMatchObject({ recordingId, deleted: true });
  expect(await storedFiles(emu.dataDir, ALICE, recordingId)).toEqual([]);
  expect(await docsOf(recordingId)).toBe(0);
  const history = await callOk<{ recordings: unknown[] }>(emu.client(), ALICE, 'getRecordings', {});
  expect(JSON.stringify(history)).not.toContain(recordingId);
});

it('a student cannot delete someone else’s recording (NOT_OWNER) and it stays whole', async () => {
  const recordingId = await recordingOf(ALICE);
  const before = await storedFiles(emu.dataDir, ALICE, recordingId);

  const result = await callEnvelope(emu.client(), BOB, 'deleteRecording', { recordingId });

  expect(result).toMatchObject({ ok: false, error: { code: 'NOT_OWNER' } });
  expect(await storedFiles(emu.dataDir, ALICE, recordingId)).toEqual(before);
  expect(await docsOf(recordingId)).toBe(3);
});

it('deleting the same recording twice answers deleted: false the second time and changes nothing', async () => {
  const recordingId = await recordingOf(ALICE);
  await callOk(emu.client(), ALICE, 'deleteRecording', { recordingId });

  const again = await callOk<DeleteRecordingResponse>(emu.client(), ALICE, 'deleteRecording', {
    recordingId,
  });

  expect(again).toEqual({ recordingId, deleted: false, deletedFiles: 0 });
});

it('a malformed recordingId is INVALID_ARGUMENT', async () => {
  const result = await callEnvelope(emu.client(), ALICE, 'deleteRecording', { recordingId: '../x' });
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});
