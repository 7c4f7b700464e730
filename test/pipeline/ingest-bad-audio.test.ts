import { encodeWav } from '../../pipeline/audio/wav';
import { COLLECTIONS } from '../../typings/documents';
import { storedFiles } from '../../harness/stored-files';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, newRecordingId, uploadWav } from '../../harness/pipeline';

const STUDENT = 'student-bad-audio';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

function tone(sampleRate: number, frames: number): Buffer {
  const samples = Int16Array.from({ length: frames }, (_, i) => Math.round(8000 * Math.sin(i / 7)));
  return encodeWav({ sampleRate, channels: 1, samples });
}

/** Uploads the bytes as segment 0 and ingests them claiming 16 kHz mono; answers the error code. */
async function ingestBytes(bytes: Buffer, claimedRate = 16000, extra: Record<string, unknown> = {}) {
  const recordingId = newRecordingId();
  const fileID = await uploadWav(emu.client(), STUDENT, recordingId, 0, bytes);
  const envelope = await callEnvelope(emu.client(), STUDENT, 'ingestSegment', {
    recordingId,
    seq: 0,
    fileID,
    durationMs: 1000,
    sampleRate: claimedRate,
    channels: 1,
    ...extra,
  });
  return { recordingId, envelope };
}

/** No document, and in storage only the uploaded WAV itself (read from the emulator's disk). */
async function nothingWritten(recordingId: string): Promise<void> {
  const db = emu.nodeApp().database();
  expect((await db.collection(COLLECTIONS.recordings).where({ _id: recordingId }).get()).data).toEqual([]);
  expect((await db.collection(COLLECTIONS.segments).where({ recordingId }).get()).data).toEqual([]);
  const files = await storedFiles(emu.dataDir, STUDENT, recordingId);
  expect(files.map((f) => f.name)).toEqual(['0.wav']);
}

describe('ingestSegment refuses bad audio and writes nothing', () => {
  it('refuses a file that is not a WAV with BAD_AUDIO', async () => {
    const { recordingId, envelope } = await ingestBytes(Buffer.from('this is not a RIFF file at all, sorry'));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_AUDIO', retryable: false } });
    await nothingWritten(recordingId);
  });

  it('refuses a WAV whose sample rate differs from the request with BAD_AUDIO', async () => {
    const { recordingId, envelope } = await ingestBytes(tone(22050, 22050));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_AUDIO' } });
    await nothingWritten(recordingId);
  });

  it('refuses a sample rate RecorderManager cannot record with INVALID_ARGUMENT', async () => {
    const { recordingId, envelope } = await ingestBytes(tone(16000, 16000), 17000);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await nothingWritten(recordingId);
  });

  it('refuses a cut reason it does not know with INVALID_ARGUMENT naming the allowed ones', async () => {
    const { recordingId, envelope } = await ingestBytes(tone(16000, 16000), 16000, { cut: 'lunch' });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'cut must be one of pause, auto, cap, hide, call, stop' },
    });
    await nothingWritten(recordingId);
  });

  it('refuses a zero-length WAV with BAD_AUDIO', async () => {
    const { recordingId, envelope } = await ingestBytes(tone(16000, 0));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_AUDIO' } });
    await nothingWritten(recordingId);
  });

  it('refuses a truncated WAV with BAD_AUDIO', async () => {
    const whole = tone(16000, 16000);
    const { recordingId, envelope } = await ingestBytes(whole.subarray(0, whole.length - 1001));
    expect(envelope).toMatchObject({ ok: false, error: { code: 'BAD_AUDIO' } });
    await nothingWritten(recordingId);
  });

  it('refuses a segment longer than the platform’s 10-minute cap with TOO_LARGE', async () => {
    const { recordingId, envelope } = await ingestBytes(tone(8000, 8000 * 601), 8000);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', retryable: false } });
    await nothingWritten(recordingId);
  });
});
