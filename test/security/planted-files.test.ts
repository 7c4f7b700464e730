/**
 * Issue 15, item 8: a student planting a file in another student's recording folder. The storage rule
 * (database/collections.json, evaluated by the emulator's rules engine for client calls) lets a client
 * create files only under `recordings/<its own openid>/`, so the plant is refused with CloudBase's
 * STORAGE_EXCEED_AUTHORITY (-503002), the victim's own upload still works, and finalize has nothing
 * foreign to join.
 */
import type { FinalizeRecordingResponse } from '../../typings/functions';
import { segmentWavPath } from '../../typings/paths';
import { encodeWav } from '../../pipeline/audio/wav';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { speechOfLength } from '../../simulator/speech';

const VICTIM = 'student-victim';
const ATTACKER = 'student-attacker';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

async function existsOnServer(cloudPath: string): Promise<boolean> {
  const fileID = `cloud://${emu.envId}.${emu.envId}-1250000000/${cloudPath}`;
  const { fileList } = await emu.nodeApp().getTempFileURL({ fileList: [fileID] });
  return fileList[0]?.code === 'SUCCESS';
}

function plant(cloudPath: string, wav: Buffer) {
  return emu.client().uploadFile({ cloudPath, data: wav, openid: ATTACKER });
}

test("another student's upload into the victim's recording folder is refused with -503002 and stores nothing", async () => {
  const recordingId = newRecordingId();
  const target = segmentWavPath(VICTIM, recordingId, 1);
  const planted = encodeWav(await speechOfLength(2, 16000, 1));
  await expect(plant(target, planted)).rejects.toMatchObject({
    errCode: -503002,
    code: 'STORAGE_EXCEED_AUTHORITY',
  });
  expect(await existsOnServer(target)).toBe(false);
});

test('after a refused plant the victim uploads that segment and reads back their own bytes', async () => {
  const recordingId = newRecordingId();
  const target = segmentWavPath(VICTIM, recordingId, 0);
  await plant(target, encodeWav(await speechOfLength(2, 16000, 1))).catch(() => undefined);
  const own = encodeWav(await speechOfLength(1, 16000, 1));
  const { fileID } = await emu.client().uploadFile({ cloudPath: target, data: own, openid: VICTIM });
  expect((await emu.client().downloadFile({ fileID, openid: VICTIM })).equals(own)).toBe(true);
});

test('finalize never joins audio the victim did not upload: the planted segment stays missing', async () => {
  const recordingId = newRecordingId();
  const mine = await speechOfLength(2, 16000, 1);
  const ingested = await ingestAudio(emu.client(), VICTIM, recordingId, 0, mine);
  // A longer, different take planted as segment 1 would show as extra duration were it joined.
  await plant(segmentWavPath(VICTIM, recordingId, 1), encodeWav(await speechOfLength(4, 16000, 1))).catch(
    () => undefined,
  );
  const result = await callOk<FinalizeRecordingResponse>(emu.client(), VICTIM, 'finalizeRecording', {
    recordingId,
    segmentCount: 2,
  });
  expect(result).toMatchObject({ status: 'partial', missingSeqs: [1] });
  expect(Math.abs(result.durationMs - ingested.durationMs)).toBeLessThan(100);
});
