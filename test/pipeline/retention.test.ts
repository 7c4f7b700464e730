import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { COLLECTIONS, type AssignmentDoc } from '../../typings/documents';
import type { Envelope } from '../../typings/errors';
import type { PurgeResult } from '../../pipeline/recordings/retention';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { storedFiles } from '../../harness/stored-files';
import { speechOfLength } from '../../simulator/speech';

const STUDENT = 'student-retention';
const DAY_MS = 24 * 3600 * 1000;
let emu: TestEmulator;
let speech: PcmAudio;

beforeAll(async () => {
  // The deploy default, as cloudbaserc.json's envVariables would set it; function processes copy the
  // environment when the emulator starts.
  process.env.RECORDING_RETENTION_DAYS = '30';
  try {
    emu = await startTestEmulator();
  } finally {
    delete process.env.RECORDING_RETENTION_DAYS;
  }
  speech = await speechOfLength(1, 16000, 1);
});
afterAll(async () => {
  await emu.stop();
});

const db = () => emu.nodeApp().database();

async function assignment(retentionDays?: number): Promise<string> {
  const _id = newRecordingId();
  const now = new Date();
  const doc: Omit<AssignmentDoc, '_id'> = {
    teacherId: 'teacher-retention',
    title: `kept ${retentionDays ?? 'by default'}`,
    prompt: '',
    maxDurationSec: 60,
    ...(retentionDays ? { retentionDays } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await db().collection(COLLECTIONS.assignments).doc(_id).set(doc);
  return _id;
}

/** A finished one-segment recording, made `ageDays` ago. */
async function recording(ageDays: number, assignmentId?: string): Promise<string> {
  const recordingId = newRecordingId();
  await ingestAudio(emu.client(), STUDENT, recordingId, 0, sliceFrames(speech, 0, 12_000), assignmentId);
  await callOk(emu.client(), STUDENT, 'finalizeRecording', { recordingId, segmentCount: 1 });
  await db()
    .collection(COLLECTIONS.recordings)
    .doc(recordingId)
    .update({ createdAt: new Date(Date.now() - ageDays * DAY_MS) });
  return recordingId;
}

async function exists(recordingId: string): Promise<boolean> {
  const { total } = await db().collection(COLLECTIONS.recordings).where({ _id: recordingId }).count();
  return total === 1 && (await storedFiles(emu.dataDir, STUDENT, recordingId)).length > 0;
}

it('the timer removes exactly the recordings past their assignment’s retention or the deploy default', async () => {
  const [week, twoMonths, byDefault] = [await assignment(7), await assignment(60), await assignment()];
  const expired = [await recording(8, week), await recording(31, byDefault), await recording(40)];
  const kept = [
    await recording(6, week),
    await recording(40, twoMonths), // its own 60 days win over the 30-day default
    await recording(10, byDefault),
    await recording(1),
  ];

  const { result } = await emu.client().fireTimer<Envelope<PurgeResult>>('purgeRecordings');

  expect(result).toMatchObject({ ok: true, data: { failed: [], more: false } });
  expect(result.ok && [...result.data.expired].sort()).toEqual([...expired].sort());
  for (const id of expired) {
    expect(await exists(id)).toBe(false);
    expect(await storedFiles(emu.dataDir, STUDENT, id)).toEqual([]);
  }
  for (const id of kept) expect(await exists(id)).toBe(true);
});

it('the timer finishes a delete that a kill cut off half-way', async () => {
  const recordingId = await recording(0);
  await db()
    .collection(COLLECTIONS.recordings)
    .doc(recordingId)
    .update({ deleting: { reason: 'student', startedAt: new Date() } });

  const { result } = await emu.client().fireTimer<Envelope<PurgeResult>>('purgeRecordings');

  expect(result.ok && result.data.resumedDeletes).toEqual([recordingId]);
  expect(await storedFiles(emu.dataDir, STUDENT, recordingId)).toEqual([]);
});

it('a student calling purgeRecordings is FORBIDDEN and nothing is deleted', async () => {
  const recordingId = await recording(400);
  const result = await callEnvelope(emu.client(), STUDENT, 'purgeRecordings', {});
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await exists(recordingId)).toBe(true);
  // The timer itself takes the expired recording away, so no other test finds it.
  await emu.client().fireTimer('purgeRecordings');
});
