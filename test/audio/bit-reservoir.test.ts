import { looseFrames, packFrames } from '../../pipeline/audio/bit-reservoir';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { frameOffsets, readFrameHeader } from '../../pipeline/audio/mp3-frames';
import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { readMainDataBegin } from '../../pipeline/audio/side-info';
import { ErrorCode } from '../../typings/errors';
import { decodeMp3 } from '../../harness/audio-analysis';
import { speechOfLength } from '../../simulator/speech';

/**
 * Decoded frames after a splice that depend only on their own run: the decoder's overlap-add and
 * synthesis filter bank carry audio of the frame before into the first two frames after it.
 */
const SETTLE = 2;

interface Run {
  frames: Buffer;
  offsets: number[];
}

async function run(audio: PcmAudio): Promise<Run> {
  const frames = await encodeMp3(audio);
  return { frames, offsets: frameOffsets(frames) };
}

function mainDataBegins(stream: Buffer): number[] {
  return frameOffsets(stream)
    .slice(0, -1)
    .map((offset) => readMainDataBegin(stream.subarray(offset), readFrameHeader(stream, offset)!));
}

/** The first frame at or after `from` whose data starts in earlier frames (the reservoir). */
function reservoirFrame(stream: Run, from: number): number {
  const begins = mainDataBegins(stream.frames);
  const index = begins.findIndex((begin, i) => i >= from && begin > 0);
  if (index < 0) throw new Error('the run never used its bit reservoir');
  return index;
}

function samplesOfFrames(audio: PcmAudio, fromFrame: number, toFrame: number, frameSize: number): Buffer {
  const samples = audio.samples.subarray(
    fromFrame * frameSize * audio.channels,
    toFrame * frameSize * audio.channels,
  );
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

describe('bit reservoir repacking', () => {
  let speech16: PcmAudio;
  let a: Run;
  let b: Run;
  beforeAll(async () => {
    speech16 = await speechOfLength(8, 16000, 1);
    a = await run(sliceFrames(speech16, 0, 3 * 16000));
    b = await run(sliceFrames(speech16, 3 * 16000, 8 * 16000));
  });

  test('LAME uses the reservoir, so frames of another run spliced in as they are decode to the wrong audio', async () => {
    const k = reservoirFrame(b, 20);
    const naive = Buffer.concat([a.frames, b.frames.subarray(b.offsets[k])]);
    const aFrames = a.offsets.length - 1;
    const [spliced, own] = [await decodeMp3(naive), await decodeMp3(b.frames)];
    expect(samplesOfFrames(spliced, aFrames + SETTLE, aFrames + SETTLE + 1, 576)).not.toEqual(
      samplesOfFrames(own, k + SETTLE, k + SETTLE + 1, 576),
    );
  });

  test('a whole run repacked decodes to exactly the same samples', async () => {
    const packed = packFrames(looseFrames(b.frames, 0, b.offsets.length - 1));
    expect(packed.widened).toBe(0);
    const [original, repacked] = [await decodeMp3(b.frames), await decodeMp3(packed.frames)];
    expect(Buffer.from(repacked.samples.buffer).equals(Buffer.from(original.samples.buffer))).toBe(true);
  });

  test('frames of another run after a splice decode exactly as they did in their own run', async () => {
    const k = reservoirFrame(b, 20);
    const tail = b.offsets.length - 1 - k;
    const aFrames = a.offsets.length - 1;
    const packed = packFrames([
      ...looseFrames(a.frames, 0, aFrames, a.offsets),
      ...looseFrames(b.frames, k, b.offsets.length - 1, b.offsets),
    ]);
    const [spliced, own] = [await decodeMp3(packed.frames), await decodeMp3(b.frames)];
    expect(samplesOfFrames(spliced, aFrames + SETTLE, aFrames + tail, 576)).toEqual(
      samplesOfFrames(own, k + SETTLE, k + tail, 576),
    );
  });

  test('main_data_begin stays within the 8 bits MPEG-2 gives it and the first frame needs no earlier data', () => {
    const packed = packFrames(looseFrames(b.frames, 0, b.offsets.length - 1, b.offsets));
    const begins = mainDataBegins(packed.frames);
    expect(begins[0]).toBe(0);
    expect(Math.max(...begins)).toBeLessThanOrEqual(255);
    expect(Math.max(...begins)).toBeGreaterThan(0);
  });

  test('a frame that needs more reservoir than the new stream has is written at a higher bitrate', async () => {
    // A frame with more data than its own slot holds: put first, there is no reservoir for the rest.
    const slot = 144 - 4 - 9; // 32 kbps at 16 kHz, minus header and side information
    const loose = looseFrames(b.frames, 0, b.offsets.length - 1, b.offsets);
    const k = loose.findIndex((frame, i) => i > 20 && frame.mainData.length > slot);
    expect(k).toBeGreaterThan(0);
    const packed = packFrames(looseFrames(b.frames, k, b.offsets.length - 1, b.offsets));
    expect(packed.widened).toBeGreaterThan(0);
    expect(readFrameHeader(packed.frames, 0)!.bitrateKbps).toBeGreaterThan(32);
    const [spliced, own] = [await decodeMp3(packed.frames), await decodeMp3(b.frames)];
    const frames = b.offsets.length - 1 - k;
    expect(samplesOfFrames(spliced, SETTLE, frames, 576)).toEqual(
      samplesOfFrames(own, k + SETTLE, k + frames, 576),
    );
  });

  test('44.1 kHz stereo (MPEG-1, two granules, two channels) repacks to the same samples', async () => {
    const stereo = await run(await speechOfLength(3, 44100, 2));
    const packed = packFrames(looseFrames(stereo.frames, 0, stereo.offsets.length - 1, stereo.offsets));
    expect(Math.max(...mainDataBegins(stereo.frames))).toBeGreaterThan(0);
    const [original, repacked] = [await decodeMp3(stereo.frames), await decodeMp3(packed.frames)];
    expect(Buffer.from(repacked.samples.buffer).equals(Buffer.from(original.samples.buffer))).toBe(true);
  });

  test('frames whose data lies before the bytes given are refused with INTERNAL, not misread', () => {
    const k = reservoirFrame(b, 20);
    const cut = b.frames.subarray(b.offsets[k]);
    expect(() => looseFrames(cut, 0, 1)).toThrow(expect.objectContaining({ code: ErrorCode.INTERNAL }));
  });
});
