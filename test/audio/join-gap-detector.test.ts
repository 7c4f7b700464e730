import { encodeMp3 } from '../../pipeline/audio/mp3';
import { decodeMp3, measureJoinGaps } from '../../harness/audio-analysis';
import { assembleFull } from '../../pipeline/audio/gapless';
import { concatPcm, frameCount } from '../../pipeline/audio/pcm';
import { noPcmLoads, oddLengths, preparedPieces, segmentedSpeech } from './chain-fixture';

describe('join gap detector', () => {
  test('measures the silence that naive concatenation of separately encoded MP3s leaves at each join', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1201, 1377, 1103]));
    const naive = Buffer.concat(await Promise.all(speech.segments.map((segment) => encodeMp3(segment))));
    const decoded = await decodeMp3(naive);
    const gaps = measureJoinGaps(decoded, speech.source, speech.joins, 150, 300);
    // Each separately encoded piece adds its encoder + decoder delay (1105 samples) and its padding.
    for (const gap of gaps) expect(gap.gapMs).toBeGreaterThan(60);
    expect(gaps.every((gap) => gap.reliable)).toBe(true);
    expect(gaps.map((gap) => gap.lagAfter.correlation > 0.9)).toEqual(gaps.map(() => true));
  });
});

describe('join gap detector in a pause', () => {
  test('a join inside silence between words is measured from the speech around it', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1201, 1377]));
    const pause = { sampleRate: 16000, channels: 1 as const, samples: new Int16Array(4801) };
    const first = concatPcm([speech.segments[0], pause]);
    const second = concatPcm([pause, speech.segments[1]]);
    const source = concatPcm([first, second]);
    const joins = [frameCount(first)];
    const naive = await decodeMp3(Buffer.concat([await encodeMp3(first), await encodeMp3(second)]));
    const [naiveGap] = measureJoinGaps(naive, source, joins, 150, 300);
    expect(naiveGap.reliable).toBe(true);
    expect(naiveGap.gapMs).toBeGreaterThan(60);
    const pieces = await preparedPieces([first, second], (i) => (i === 0 ? 0 : joins[0]));
    const gapless = await decodeMp3((await assembleFull(pieces, noPcmLoads)).mp3);
    const [gap] = measureJoinGaps(gapless, source, joins);
    expect({ reliable: gap.reliable, gapMs: gap.gapMs }).toEqual({ reliable: true, gapMs: 0 });
  });
});
