import { assembleFull, prepareSegment } from '../../pipeline/audio/gapless';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { frameOffsets } from '../../pipeline/audio/mp3-frames';
import { concatPcm, frameCount, sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { decodeMp3 } from '../../harness/audio-analysis';
import { speechOfLength } from '../../simulator/speech';
import { noPcmLoads, preparedPieces } from './chain-fixture';

/** Lengths between 0.1 s and 1.6 s from a fixed pseudo-random sequence, adding up to `seconds`. */
function mixedLengths(sampleRate: number, seconds: number): number[] {
  const lengths: number[] = [];
  let seed = 12345;
  for (let total = 0; total < seconds * sampleRate; total += lengths[lengths.length - 1]) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    lengths.push(Math.floor((0.1 + (seed / 2147483648) * 1.5) * sampleRate) | 1);
  }
  return lengths;
}

function snrDb(signal: PcmAudio, other: PcmAudio): number {
  let noise = 0;
  let power = 0;
  for (let i = 0; i < signal.samples.length; i++) {
    noise += (other.samples[i] - signal.samples[i]) ** 2;
    power += signal.samples[i] ** 2;
  }
  return 10 * Math.log10(power / Math.max(noise, 1));
}

describe('assembled chain against a one-shot encode of the whole recording', () => {
  test.each([8000, 16000, 22050])(
    'many segments of 0.1–1.6 s at %i Hz: same frame count, exact length, same audio within coding noise',
    async (sampleRate) => {
      const speech = await speechOfLength(9, sampleRate, 1);
      const lengths = mixedLengths(sampleRate, 8);
      const starts = lengths.map((_, i) => lengths.slice(0, i).reduce((sum, n) => sum + n, 0));
      const segments = lengths.map((n, i) => sliceFrames(speech, starts[i], starts[i] + n));
      const source = concatPcm(segments);
      const full = await assembleFull(await preparedPieces(segments, (i) => starts[i]), noPcmLoads);
      const oneShotFrames = frameOffsets(await encodeMp3(source)).length - 1;
      expect(full.frameCount).toBe(oneShotFrames);
      const assembled = await decodeMp3(full.mp3);
      const oneShot = await decodeMp3((await prepareSegment(source, 0)).standaloneMp3);
      expect(frameCount(assembled)).toBe(frameCount(source));
      // Spliced frames quantise a little differently (another run's bit reservoir and psychoacoustic
      // state), never shift or drop audio: the chain differs from the one-shot encode by less than the
      // one-shot encode differs from the source, and is as close to the source.
      expect(snrDb(oneShot, assembled)).toBeGreaterThan(snrDb(source, oneShot));
      expect(snrDb(source, assembled)).toBeGreaterThan(snrDb(source, oneShot) - 1);
    },
  );
});
