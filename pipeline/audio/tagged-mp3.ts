/** Whole MP3 files: audio frames behind an Info/LAME tag frame that declares their exact length. */
import { buildInfoTagFrame, crc16 } from './info-tag';

export interface TaggedMp3Input {
  /** Audio frames, back to back. */
  frames: Buffer;
  frameCount: number;
  frameSize: number;
  /** Leading samples that are not part of the audio (encoder delay + silence added in front). */
  delay: number;
  /** Sample frames of real audio. */
  sampleCount: number;
}

export function taggedMp3(input: TaggedMp3Input): Buffer {
  const padding = input.frameCount * input.frameSize - input.delay - input.sampleCount;
  const tag = buildInfoTagFrame(input.frames, {
    frameCount: input.frameCount,
    audioBytes: input.frames.length,
    delay: input.delay,
    padding,
    musicCrc: crc16(input.frames),
  });
  return Buffer.concat([tag, input.frames]);
}
