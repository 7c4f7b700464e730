import { sliceFrames, type PcmAudio } from '../../../pipeline/audio/pcm';

/** Seven seconds of 16 kHz speech cut into three segments of odd lengths, as pauses fall anywhere. */
export const ODD_SEGMENTS_SECONDS = 7;

export function threeOddSegments(speech: PcmAudio): PcmAudio[] {
  const cuts = [0, 33_301, 61_117, 97_003];
  return cuts.slice(1).map((end, i) => sliceFrames(speech, cuts[i]!, end));
}
