import { concatPcm, sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { mp3FrameSamples } from '../../pipeline/audio/format';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import type { FinalizeRecordingResponse } from '../../typings/functions';
import { decodeMp3, measureJoinGaps } from '../../harness/audio-analysis';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { encodeWav } from '../../pipeline/audio/wav';
import { callEnvelope, callOk, ingestAudio, newRecordingId, uploadWav } from '../../harness/pipeline';
import { speechOfLength } from '../../simulator/speech';
import { storedRecording } from './support/stored';

const STUDENT = 'student-finalize';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

/** Cuts speech into segments of odd lengths (never whole MP3 frames), as pauses fall anywhere. */
async function speechSegments(sampleRate: number, lengthsMs: number[]): Promise<PcmAudio[]> {
  const total = lengthsMs.reduce((a, b) => a + b, 0);
  const speech = await speechOfLength(Math.ceil(total / 1000) + 1, sampleRate, 1);
  const segments: PcmAudio[] = [];
  let at = 0;
  for (const ms of lengthsMs) {
    const frames = Math.round((ms * sampleRate) / 1000) + 37;
    segments.push(sliceFrames(speech, at, at + frames));
    at += frames;
  }
  return segments;
}

async function finalize(recordingId: string, segmentCount: number) {
  return callOk<FinalizeRecordingResponse>(emu.client(), STUDENT, 'finalizeRecording', {
    recordingId,
    segmentCount,
  });
}

async function fullAudio(fileID: string): Promise<PcmAudio> {
  return decodeMp3(await emu.readFile(fileID));
}

function joinsOf(segments: PcmAudio[]): number[] {
  const joins: number[] = [];
  let at = 0;
  for (const s of segments.slice(0, -1)) joins.push((at += s.samples.length));
  return joins;
}

async function recordingDoc(recordingId: string): Promise<RecordingDoc> {
  return (await storedRecording(emu, recordingId)) as RecordingDoc;
}

describe.each([16000, 44100])('finalizeRecording at %i Hz', (sampleRate) => {
  it('joins the segments into one MP3 with no gap at any join and the summed duration', async () => {
    const segments = await speechSegments(sampleRate, [2300, 1700, 2900]);
    const recordingId = newRecordingId();
    for (const [seq, audio] of segments.entries())
      await ingestAudio(emu.client(), STUDENT, recordingId, seq, audio);
    const result = await finalize(recordingId, segments.length);

    const source = concatPcm(segments);
    const decoded = await fullAudio(result.fullMp3FileID!);
    expect(Math.abs(decoded.samples.length - source.samples.length)).toBeLessThanOrEqual(
      mp3FrameSamples(sampleRate),
    );
    for (const join of measureJoinGaps(decoded, source, joinsOf(segments))) {
      expect(join).toMatchObject({ gapMs: 0, reliable: true });
    }
    expect(await recordingDoc(recordingId)).toMatchObject({
      status: 'ready',
      segmentCount: 3,
      durationMs: result.durationMs,
      fullMp3FileID: result.fullMp3FileID,
    });
  });
});

describe('finalizeRecording', () => {
  it('comes out gapless when segments arrive out of order and twice', async () => {
    const segments = await speechSegments(16000, [1900, 2100, 1500]);
    const recordingId = newRecordingId();
    for (const seq of [2, 0, 2, 1, 0])
      await ingestAudio(emu.client(), STUDENT, recordingId, seq, segments[seq]);
    const result = await finalize(recordingId, segments.length);

    const source = concatPcm(segments);
    const decoded = await fullAudio(result.fullMp3FileID!);
    expect(Math.abs(decoded.samples.length - source.samples.length)).toBeLessThanOrEqual(576);
    for (const join of measureJoinGaps(decoded, source, joinsOf(segments))) {
      expect(join).toMatchObject({ gapMs: 0, reliable: true });
    }
    const segmentDocs = await emu
      .nodeApp()
      .database()
      .collection(COLLECTIONS.segments)
      .where({ recordingId })
      .get();
    expect(segmentDocs.data).toHaveLength(3);
  });

  it('converts a segment whose WAV landed but was never ingested, and comes out ready', async () => {
    const segments = await speechSegments(16000, [1500, 1600]);
    const recordingId = newRecordingId();
    await ingestAudio(emu.client(), STUDENT, recordingId, 0, segments[0]);
    await uploadWav(emu.client(), STUDENT, recordingId, 1, encodeWav(segments[1]));
    const result = await finalize(recordingId, 2);

    expect(result.status).toBe('ready');
    const decoded = await fullAudio(result.fullMp3FileID!);
    expect(decoded.samples.length).toBe(concatPcm(segments).samples.length);
    const docs = await emu
      .nodeApp()
      .database()
      .collection(COLLECTIONS.segments)
      .where({ recordingId, seq: 1 })
      .get();
    expect(docs.data).toMatchObject([{ status: 'converted', attempts: 1 }]);
  });

  it('marks a recording partial with the seqs that never arrived, and still assembles the rest', async () => {
    const segments = await speechSegments(16000, [1200, 1300, 1400]);
    const recordingId = newRecordingId();
    await ingestAudio(emu.client(), STUDENT, recordingId, 0, segments[0]);
    await ingestAudio(emu.client(), STUDENT, recordingId, 2, segments[2]);
    const result = await finalize(recordingId, 3);

    expect(result).toMatchObject({ status: 'partial', missingSeqs: [1] });
    const decoded = await fullAudio(result.fullMp3FileID!);
    const present = segments[0].samples.length + segments[2].samples.length;
    expect(Math.abs(decoded.samples.length - present)).toBeLessThanOrEqual(576);
    expect(await recordingDoc(recordingId)).toMatchObject({ status: 'partial', missingSeqs: [1] });
  });

  it('answers the same result and leaves the same document when called twice', async () => {
    const segments = await speechSegments(16000, [1000, 1100]);
    const recordingId = newRecordingId();
    for (const [seq, audio] of segments.entries())
      await ingestAudio(emu.client(), STUDENT, recordingId, seq, audio);
    const first = await finalize(recordingId, 2);
    const docAfterFirst = await recordingDoc(recordingId);
    const second = await finalize(recordingId, 2);

    expect(second).toEqual(first);
    expect(await recordingDoc(recordingId)).toEqual(docAfterFirst);
  });

  it('answers NOT_FOUND for another student’s recording', async () => {
    const segments = await speechSegments(16000, [800]);
    const recordingId = newRecordingId();
    await ingestAudio(emu.client(), STUDENT, recordingId, 0, segments[0]);
    const envelope = await callEnvelope(emu.client(), 'someone-else', 'finalizeRecording', {
      recordingId,
      segmentCount: 1,
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await recordingDoc(recordingId)).toMatchObject({ status: 'recording' });
  });
});
