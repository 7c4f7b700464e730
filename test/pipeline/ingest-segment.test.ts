import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { sliceFrames } from '../../pipeline/audio/pcm';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import { decodeMp3 } from '../../harness/audio-analysis';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, ingestAudio, newRecordingId, uploadWav } from '../../harness/pipeline';
import { speechOfLength } from '../../simulator/speech';

const STUDENT = 'student-ingest-a';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

/** Every stored file of a recording (its folder on the emulator's disk): name → size. */
async function filesOf(recordingId: string): Promise<Record<string, number>> {
  const dir = path.join(emu.dataDir, 'files', 'recordings', STUDENT, recordingId);
  const out: Record<string, number> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await stat(path.join(dir, name))).size;
  return out;
}

async function docs<T>(collection: string, where: object): Promise<T[]> {
  const res = await emu.nodeApp().database().collection(collection).where(where).get();
  return res.data as T[];
}

describe('ingestSegment', () => {
  it('converts a landed 16 kHz segment into an MP3 of the same length and records it as converted', async () => {
    const audio = sliceFrames(await speechOfLength(4, 16000, 1), 0, 16000 * 3 + 123);
    const recordingId = newRecordingId();
    const result = await ingestAudio(emu.client(), STUDENT, recordingId, 0, audio);

    const [segment] = await docs<SegmentDoc>(COLLECTIONS.segments, { recordingId });
    expect(segment).toMatchObject({
      _id: `${recordingId}:0`,
      status: 'converted',
      attempts: 1,
      samples: 48123,
    });
    expect(segment.mp3FileID).toBe(result.mp3FileID);
    const mp3 = await emu.readFile(result.mp3FileID);
    const decoded = await decodeMp3(mp3);
    expect(decoded.samples.length).toBe(48123);
    const [recording] = await docs<RecordingDoc>(COLLECTIONS.recordings, { _id: recordingId });
    expect(recording).toMatchObject({
      _openid: STUDENT,
      status: 'recording',
      segmentCount: 1,
      sampleRate: 16000,
    });
  });

  it('leaves the same documents and files when called twice with the same input', async () => {
    const audio = sliceFrames(await speechOfLength(2, 16000, 1), 0, 20000);
    const recordingId = newRecordingId();
    const first = await ingestAudio(emu.client(), STUDENT, recordingId, 0, audio);
    const [before] = await docs<SegmentDoc>(COLLECTIONS.segments, { recordingId });
    const filesBefore = await filesOf(recordingId);
    const second = await ingestAudio(emu.client(), STUDENT, recordingId, 0, audio);
    const after = await docs<SegmentDoc>(COLLECTIONS.segments, { recordingId });

    expect(second).toEqual(first);
    expect(after).toHaveLength(1);
    expect(after[0]).toEqual(before);
    expect(await filesOf(recordingId)).toEqual(filesBefore);
  });

  it('refuses another student’s file with NOT_OWNER and writes nothing', async () => {
    const audio = sliceFrames(await speechOfLength(2, 16000, 1), 0, 16000);
    const recordingId = newRecordingId();
    const { encodeWav } = await import('../../pipeline/audio/wav');
    const fileID = await uploadWav(emu.client(), 'student-victim', recordingId, 0, encodeWav(audio));
    const envelope = await callEnvelope(emu.client(), 'student-thief', 'ingestSegment', {
      recordingId,
      seq: 0,
      fileID,
      durationMs: 1000,
      sampleRate: 16000,
      channels: 1,
    });

    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_OWNER', retryable: false } });
    expect(await docs(COLLECTIONS.segments, { recordingId })).toEqual([]);
    expect(await docs(COLLECTIONS.recordings, { _id: recordingId })).toEqual([]);
  });

  it('makes its MP3 at 44.1 kHz with the same number of samples as the source', async () => {
    const audio = sliceFrames(await speechOfLength(3, 44100, 1), 0, 44100 * 2 + 777);
    const result = await ingestAudio(emu.client(), STUDENT, newRecordingId(), 0, audio);
    const decoded = await decodeMp3(await emu.readFile(result.mp3FileID));
    expect(decoded.sampleRate).toBe(44100);
    expect(decoded.samples.length).toBe(audio.samples.length);
  });
});
