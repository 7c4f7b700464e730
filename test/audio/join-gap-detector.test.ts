import { encodeMp3 } from '../../pipeline/audio/mp3';
import { decodeMp3, measureJoinGaps } from '../support/audio-analysis';
import { oddLengths, segmentedSpeech } from './chain-fixture';

describe('join gap detector', () => {
  test('measures the silence that naive concatenation of separately encoded MP3s leaves at each join', async () => {
    const speech = await segmentedSpeech(16000, 1, oddLengths(16000, [1201, 1377, 1103]));
    const naive = Buffer.concat(speech.segments.map((segment) => encodeMp3(segment)));
    const decoded = await decodeMp3(naive);
    const gaps = measureJoinGaps(decoded, speech.source, speech.joins, 150, 300);
    // Each separately encoded piece adds its encoder + decoder delay (1105 samples) and its padding.
    for (const gap of gaps) expect(gap.gapMs).toBeGreaterThan(60);
    expect(gaps.map((gap) => gap.lagAfter.correlation > 0.9)).toEqual(gaps.map(() => true));
  });
});
