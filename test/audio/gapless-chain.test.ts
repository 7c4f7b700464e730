import { ErrorCode } from '../../typings/errors';
import { assembleFull, prepareSegment } from '../../pipeline/audio/gapless';
import { frameCount, type PcmAudio } from '../../pipeline/audio/pcm';
import { decodeMp3, measureJoinGaps } from '../../harness/audio-analysis';
import {
  noPcmLoads,
  oddLengths,
  preparedPieces,
  segmentedSpeech,
  type SegmentedSpeech,
} from './chain-fixture';

/**
 * Decodes the full MP3 and checks it against the source: every join gapless, length exact, and the audio
 * on both sides of each join as faithful to the source as a one-shot encode of the whole recording is
 * (how well 32 kbps codes a given 150 ms of speech is the codec's business, not the join's).
 */
async function expectGapless(mp3: Buffer, speech: SegmentedSpeech): Promise<void> {
  const decoded = await decodeMp3(mp3);
  expect(frameCount(decoded)).toBe(frameCount(speech.source));
  const oneShot = await decodeMp3((await prepareSegment(speech.source, 0)).standaloneMp3);
  const reference = measureJoinGaps(oneShot, speech.source, speech.joins);
  const gaps = measureJoinGaps(decoded, speech.source, speech.joins);
  gaps.forEach((gap, i) => {
    expect({ at: gap.at, gapMs: gap.gapMs, lagAfter: gap.lagAfter.lag, reliable: gap.reliable }).toEqual({
      at: gap.at,
      gapMs: 0,
      lagAfter: 0,
      reliable: true,
    });
    expect(gap.lagBefore.correlation).toBeGreaterThan(reference[i].lagBefore.correlation - 0.03);
    expect(gap.lagAfter.correlation).toBeGreaterThan(reference[i].lagAfter.correlation - 0.03);
  });
}

function loaderFor(speech: SegmentedSpeech, calls: number[]): (index: number) => Promise<PcmAudio> {
  return async (index) => {
    calls.push(index);
    return speech.segments[index];
  };
}

describe('gapless chain', () => {
  test('four 16 kHz mono speech segments of odd lengths join with 0 ms gaps and exact length', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1437, 2213, 977, 1861]));
    const pieces = await preparedPieces(speech.segments, (i) => speech.starts[i]);
    const full = await assembleFull(pieces, noPcmLoads);
    expect(full).toMatchObject({ rebuilt: [], pcmLoads: [], sampleCount: frameCount(speech.source) });
    await expectGapless(full.mp3, speech);
  });

  test('three 44.1 kHz mono speech segments of odd lengths join with 0 ms gaps and exact length', async () => {
    const speech = await segmentedSpeech(44100, 1, oddLengths(44100, [1313, 1771, 1123]));
    const pieces = await preparedPieces(speech.segments, (i) => speech.starts[i]);
    const full = await assembleFull(pieces, noPcmLoads);
    expect(full.pcmLoads).toEqual([]);
    await expectGapless(full.mp3, speech);
  });

  test('three 22.05 kHz stereo segments join with 0 ms gaps', async () => {
    const speech = await segmentedSpeech(22050, 2, oddLengths(22050, [1201, 1533, 1077]));
    const pieces = await preparedPieces(speech.segments, (i) => speech.starts[i]);
    await expectGapless((await assembleFull(pieces, noPcmLoads)).mp3, speech);
  });

  test('segments prepared out of order (start unknown at ingest) are rebuilt from PCM and still join gaplessly', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1211, 1523, 1389, 1097]));
    // seq 2 and 3 landed before seq 1, so their start on the recording's timeline was unknown.
    const pieces = await preparedPieces(speech.segments, (i) => (i >= 2 ? undefined : speech.starts[i]));
    const calls: number[] = [];
    const full = await assembleFull(pieces, loaderFor(speech, calls));
    expect(full.rebuilt).toEqual([2, 3]);
    expect(calls).toEqual([2, 3]);
    await expectGapless(full.mp3, speech);
  });

  test('a segment prepared twice gives identical bytes and the same full MP3', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1303, 1417, 1201]));
    const first = [];
    for (const [i, segment] of speech.segments.entries())
      first.push(await prepareSegment(segment, speech.starts[i]));
    const again = await prepareSegment(speech.segments[1], speech.starts[1]);
    expect(again.pieceBytes.equals(first[1].pieceBytes)).toBe(true);
    expect(again.standaloneMp3.equals(first[1].standaloneMp3)).toBe(true);
    const once = await assembleFull(
      first.map((p) => p.pieceBytes),
      noPcmLoads,
    );
    const twice = await assembleFull(
      [first[0].pieceBytes, again.pieceBytes, first[2].pieceBytes],
      noPcmLoads,
    );
    expect(twice.mp3.equals(once.mp3)).toBe(true);
    await expectGapless(twice.mp3, speech);
  });

  test('a piece made for the wrong start is rebuilt instead of being spliced in misaligned', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1251, 1333, 1171]));
    const pieces = await preparedPieces(speech.segments, (i) => speech.starts[i] + (i === 2 ? 100 : 0));
    const calls: number[] = [];
    const full = await assembleFull(pieces, loaderFor(speech, calls));
    expect(calls).toEqual([2]);
    await expectGapless(full.mp3, speech);
  });

  test('missing and unreadable pieces are rebuilt from PCM', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1231, 1187, 1409]));
    const pieces = await preparedPieces(speech.segments, (i) => speech.starts[i]);
    const calls: number[] = [];
    const full = await assembleFull([null, pieces[1], pieces[2].subarray(0, 100)], loaderFor(speech, calls));
    expect(full.rebuilt).toEqual([0, 2]);
    await expectGapless(full.mp3, speech);
  });

  test('a segment shorter than the join edges in the middle still joins gaplessly without loading PCM', async () => {
    const speech = await segmentedSpeech(16000, 1, [19_001, 2_003, 301, 21_007]);
    const pieces = await preparedPieces(speech.segments, (i) => speech.starts[i]);
    const full = await assembleFull(pieces, noPcmLoads);
    expect(speech.segments.map(frameCount).slice(2, 3)).toEqual([301]);
    await expectGapless(full.mp3, speech);
  });

  test('a single segment assembles to exactly the audio of its standalone MP3', async () => {
    const speech = await segmentedSpeech(16000, 1, [23_457]);
    const prepared = await prepareSegment(speech.segments[0], 0);
    const full = await assembleFull([prepared.pieceBytes], noPcmLoads);
    const [alone, assembled] = [await decodeMp3(prepared.standaloneMp3), await decodeMp3(full.mp3)];
    // Repacking moves each frame's data within the stream; the decoded samples stay the same.
    expect(frameCount(assembled)).toBe(23_457);
    expect(Buffer.from(assembled.samples.buffer).equals(Buffer.from(alone.samples.buffer))).toBe(true);
  });

  test('segments in different formats are refused with BAD_AUDIO', async () => {
    const a = await segmentedSpeech(16000, 1, [8_001]);
    const b = await segmentedSpeech(44100, 1, [9_001]);
    const pieces = [
      (await prepareSegment(a.segments[0], 0)).pieceBytes,
      (await prepareSegment(b.segments[0], 8_001)).pieceBytes,
    ];
    await expect(assembleFull(pieces, noPcmLoads)).rejects.toMatchObject({
      code: ErrorCode.BAD_AUDIO,
      message: expect.stringMatching(/one recording must keep one format/),
    });
  });

  test('no segments is refused with INVALID_ARGUMENT', async () => {
    await expect(assembleFull([], noPcmLoads)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARGUMENT });
  });

  test('an empty segment is refused with BAD_AUDIO', async () => {
    await expect(
      prepareSegment({ sampleRate: 16000, channels: 1, samples: new Int16Array(0) }, 0),
    ).rejects.toMatchObject({ code: ErrorCode.BAD_AUDIO });
  });
});
