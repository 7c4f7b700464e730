import { sliceFrames } from '../../pipeline/audio/pcm';
import type { FinalizeRecordingResponse, GetRecordingsResponse } from '../../typings/functions';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { speechOfLength } from '../../simulator/speech';

let emu: TestEmulator;
const ALICE = 'student-alice';
const BOB = 'student-bob';
let aliceRecording: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  const audio = sliceFrames(await speechOfLength(2, 16000, 1), 0, 20000);
  aliceRecording = newRecordingId();
  await ingestAudio(emu.client(), ALICE, aliceRecording, 0, audio);
  await callOk<FinalizeRecordingResponse>(emu.client(), ALICE, 'finalizeRecording', {
    recordingId: aliceRecording,
    segmentCount: 1,
  });
  await ingestAudio(emu.client(), BOB, newRecordingId(), 0, audio);
});
afterAll(async () => {
  await emu.stop();
});

describe('getRecordings', () => {
  it('lists the caller’s own recordings with playable temporary URLs for the full and segment MP3s', async () => {
    const { recordings } = await callOk<GetRecordingsResponse>(emu.client(), ALICE, 'getRecordings', {});
    expect(recordings.map((r) => r._id)).toEqual([aliceRecording]);
    const [recording] = recordings;
    expect(recording.status).toBe('ready');
    for (const url of [recording.fullMp3Url, recording.segments[0].mp3Url]) {
      const res = await fetch(url!);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('never shows another student’s recordings', async () => {
    const { recordings } = await callOk<GetRecordingsResponse>(emu.client(), BOB, 'getRecordings', {});
    expect(recordings.map((r) => r._openid)).toEqual([BOB]);
  });

  it('answers NOT_FOUND when asked for another student’s recording by id', async () => {
    const envelope = await callEnvelope(emu.client(), BOB, 'getRecordings', { recordingId: aliceRecording });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', retryable: false } });
  });
});
