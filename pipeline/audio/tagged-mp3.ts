/** Whole MP3 files: audio frames behind an Info/LAME tag frame that declares their exact length. */
import { buildInfoTagFrame, crc16 } from './info-tag';
import { frameOffsets, readFrameHeader } from './mp3-frames';

export interface TaggedMp3Input {
  /** Audio frames, back to back. */
  frames: Buffer;
  frameSize: number;
  /** Leading samples that are not part of the audio (encoder delay + silence added in front). */
  delay: number;
  /** Sample frames of real audio. */
  sampleCount: number;
}

export function taggedMp3(input: TaggedMp3Input): Buffer {
  const frameStarts = frameOffsets(input.frames).slice(0, -1);
  const frameCount = frameStarts.length;
  const padding = frameCount * input.frameSize - input.delay - input.sampleCount;
  const bitrateOf = (offset: number): number | undefined =>
    readFrameHeader(input.frames, offset)?.bitrateKbps;
  const tag = buildInfoTagFrame(input.frames, {
    frameStarts,
    constantBitrate: frameStarts.every((offset) => bitrateOf(offset) === bitrateOf(0)),
    frameCount,
    audioBytes: input.frames.length,
    delay: input.delay,
    padding,
    musicCrc: crc16(input.frames),
  });
  return Buffer.concat([tag, input.frames]);
}
