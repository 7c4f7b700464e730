import { sliceFrames } from '../../pipeline/audio/pcm';
import type { FinalizeRecordingResponse, GetPlaybackUrlsResponse } from '../../typings/functions';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { speechOfLength } from '../../simulator/speech';

let emu: TestEmulator;
const ALICE = 'student-alice-urls';
const BOB = 'student-bob-urls';
let recordingId: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  const audio = sliceFrames(await speechOfLength(2, 16000, 1), 0, 20000);
  recordingId = newRecordingId();
  await ingestAudio(emu.client(), ALICE, recordingId, 0, audio);
  await ingestAudio(emu.client(), ALICE, recordingId, 1, audio);
  await callOk<FinalizeRecordingResponse>(emu.client(), ALICE, 'finalizeRecording', {
    recordingId,
    segmentCount: 2,
  });
});
afterAll(async () => {
  await emu.stop();
});

async function bytesAt(url: string | undefined): Promise<number> {
  const res = await fetch(url ?? 'http://127.0.0.1:9/none');
  expect(res.status).toBe(200);
  return (await res.arrayBuffer()).byteLength;
}

describe('getPlaybackUrls', () => {
  it('signs the full MP3 and every segment MP3 of the caller’s recording, which the client itself may not read', async () => {
    const urls = await callOk<GetPlaybackUrlsResponse>(emu.client(), ALICE, 'getPlaybackUrls', {
      recordingId,
    });
    expect(urls.segments.map((s) => s.seq)).toEqual([0, 1]);
    expect(await bytesAt(urls.fullMp3Url)).toBeGreaterThan(1000);
    expect(await bytesAt(urls.segments[1]?.mp3Url)).toBeGreaterThan(500);
    const fullFileID = `cloud://${emu.envId}.${emu.envId}-1250000000/recordings/${ALICE}/${recordingId}/full.mp3`;
    const direct = await emu.client().getTempFileURL({ fileList: [fullFileID], openid: ALICE });
    expect(direct.fileList[0]).toMatchObject({ status: -503002 });
  });

  it('signs only the segments asked for', async () => {
    const urls = await callOk<GetPlaybackUrlsResponse>(emu.client(), ALICE, 'getPlaybackUrls', {
      recordingId,
      seqs: [1],
    });
    expect(urls.segments.map((s) => s.seq)).toEqual([1]);
    expect(urls.fullMp3Url).toBeUndefined();
  });

  it('answers NOT_FOUND to another student and signs nothing', async () => {
    const envelope = await callEnvelope(emu.client(), BOB, 'getPlaybackUrls', { recordingId });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses seqs that are not segment numbers with INVALID_ARGUMENT', async () => {
    const envelope = await callEnvelope(emu.client(), ALICE, 'getPlaybackUrls', { recordingId, seqs: ['a'] });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
