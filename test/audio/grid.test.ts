import { looseFrames, type LooseFrame } from '../../pipeline/audio/bit-reservoir';
import { gridGeometry } from '../../pipeline/audio/grid';
import { encodeMp3Run } from '../../pipeline/audio/mp3';
import { frameOffsets, readFrameHeader } from '../../pipeline/audio/mp3-frames';
import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { readBlockTypes } from '../../pipeline/audio/side-info';
import { speechOfLength } from '../../simulator/speech';

/** The premises of the gapless chain (grid.ts), checked on the encoder itself. */

async function framesBeforeFlush(audio: PcmAudio): Promise<LooseFrame[]> {
  const run = await encodeMp3Run(audio);
  return looseFrames(run.frames, 0, run.emittedFrames, frameOffsets(run.frames));
}

function sameFrame(a: LooseFrame, b: LooseFrame): boolean {
  return a.head.equals(b.head) && a.mainData.equals(b.mainData);
}

function blockTypes(frame: LooseFrame): string {
  return readBlockTypes(frame.head, readFrameHeader(frame.head, 0)!).join('');
}

describe.each([16000, 44100])('frame grid at %i Hz', (sampleRate) => {
  const { frameSize, warmupFrames } = gridGeometry(sampleRate);
  let speech: PcmAudio;
  let whole: LooseFrame[];
  beforeAll(async () => {
    speech = await speechOfLength(12, sampleRate, 1);
    whole = await framesBeforeFlush(speech);
  });

  test('frames counted as encoded before the flush are the same whatever audio follows', async () => {
    for (const length of [30 * frameSize + 223, 30 * frameSize + 224, 41 * frameSize + 700]) {
      const prefix = await framesBeforeFlush(sliceFrames(speech, 0, length));
      expect(prefix.length).toBe(Math.floor((length - 224) / frameSize));
      expect(prefix.every((frame, i) => sameFrame(frame, whole[i]))).toBe(true);
    }
  });

  test('a run started on the grid uses the whole run’s block types once warmed up', async () => {
    for (let start = 20; start < whole.length - 40; start += 17) {
      const run = await framesBeforeFlush(sliceFrames(speech, start * frameSize, (start + 30) * frameSize));
      // warmupFrames keeps one frame spare for silence put in front to reach the grid; these start on it.
      const warmed = run.slice(warmupFrames - 1).map(blockTypes);
      const expected = whole.slice(start + warmupFrames - 1, start + run.length).map(blockTypes);
      expect({ start, blockTypes: warmed }).toEqual({ start, blockTypes: expected });
    }
  });
});
