import { looseFrames, packFrames } from '../../pipeline/audio/bit-reservoir';
import { ENCODER_DELAY } from '../../pipeline/audio/grid';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { frameOffsets } from '../../pipeline/audio/mp3-frames';
import { frameCount } from '../../pipeline/audio/pcm';
import { taggedMp3 } from '../../pipeline/audio/tagged-mp3';
import { decodeMp3 } from '../../harness/audio-analysis';
import { speechOfLength } from '../../simulator/speech';

const XING_AT = 4 + 9; // MPEG-2 mono: header + side information

function tagName(mp3: Buffer): string {
  return mp3.toString('ascii', XING_AT, XING_AT + 4);
}

function seekTable(mp3: Buffer): number[] {
  return [...mp3.subarray(XING_AT + 16, XING_AT + 116)];
}

describe('Info/LAME tag', () => {
  test('a constant-bitrate MP3 is tagged "Info" by LAME3.100 and decodes to exactly its samples', async () => {
    const audio = await speechOfLength(3, 16000, 1);
    const mp3 = taggedMp3({
      frames: await encodeMp3(audio),
      frameSize: 576,
      delay: ENCODER_DELAY,
      sampleCount: frameCount(audio),
    });
    expect(tagName(mp3)).toBe('Info');
    expect(mp3.toString('ascii', XING_AT + 120, XING_AT + 129)).toBe('LAME3.100');
    expect(frameCount(await decodeMp3(mp3))).toBe(frameCount(audio));
  });

  test('with a frame widened at a join it is tagged "Xing", seeks by real offsets and keeps the exact length', async () => {
    const audio = await speechOfLength(4, 16000, 1);
    const run = await encodeMp3(audio);
    const offsets = frameOffsets(run);
    const loose = looseFrames(run, 0, offsets.length - 1, offsets);
    // Start from a frame with more data than its slot: the packer must widen it.
    const first = loose.findIndex((frame, i) => i > 10 && frame.mainData.length > 144 - 13);
    const packed = packFrames(loose.slice(first));
    expect(packed.widened).toBeGreaterThan(0);
    const frames = loose.length - first;
    // The decoder's own 529-sample delay means the last 529 samples of the frames are padding, at least.
    const sampleCount = frames * 576 - ENCODER_DELAY - 600;
    const mp3 = taggedMp3({ frames: packed.frames, frameSize: 576, delay: ENCODER_DELAY, sampleCount });
    expect(tagName(mp3)).toBe('Xing');
    const table = seekTable(mp3);
    expect(table[0]).toBe(Math.floor(((mp3.length - packed.frames.length) * 256) / mp3.length));
    expect(table.every((entry, i) => i === 0 || entry >= table[i - 1])).toBe(true);
    expect(frameCount(await decodeMp3(mp3))).toBe(sampleCount);
  });
});
