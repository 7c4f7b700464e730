/** Real speech cut into segments of odd lengths (not multiples of any MP3 frame size), for chain tests. */
import { prepareSegment } from '../../pipeline/audio/gapless';
import { concatPcm, frameCount, sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { rms } from '../../harness/audio-analysis';
import { speechOfLength } from '../../simulator/speech';

export interface SegmentedSpeech {
  source: PcmAudio;
  segments: PcmAudio[];
  /** Global sample frame where each segment starts. */
  starts: number[];
  /** Join positions (starts of segments 1..n-1). */
  joins: number[];
}

/** Window each side of a join that must hold speech, so the join check has something to align. */
const JOIN_WINDOW_MS = 150;

/** The first position at or after `at` with speech on both sides, off every MP3 frame boundary. */
function voicedCut(speech: PcmAudio, at: number, level: number): number {
  const window = Math.round((JOIN_WINDOW_MS * speech.sampleRate) / 1000);
  let cut = at;
  while (rms(speech, cut - window, cut) < level || rms(speech, cut, cut + window) < level || cut % 576 === 0)
    cut += 37;
  return cut;
}

/**
 * Consecutive segments cut from continuous speech, each about as long as asked (in sample frames), with
 * every join moved forward to the next spot where there is speech on both sides.
 */
export async function segmentedSpeech(
  sampleRate: number,
  channels: 1 | 2,
  lengths: number[],
): Promise<SegmentedSpeech> {
  const total = lengths.reduce((sum, n) => sum + n, 0);
  const speech = await speechOfLength(Math.ceil((total * 1.5) / sampleRate) + 1, sampleRate, channels);
  const level = 0.3 * rms(speech, 0, frameCount(speech));
  const starts = [0];
  for (const length of lengths.slice(0, -1))
    starts.push(voicedCut(speech, starts[starts.length - 1] + length, level));
  const ends = [...starts.slice(1), starts[starts.length - 1] + lengths[lengths.length - 1]];
  const segments = starts.map((start, i) => sliceFrames(speech, start, ends[i]));
  return { source: concatPcm(segments), segments, starts, joins: starts.slice(1) };
}

/** Segment lengths in ms turned into odd sample counts at this rate (each ends 1–3 samples off a ms edge). */
export function oddLengths(sampleRate: number, ms: number[]): number[] {
  return ms.map((m, i) => Math.round((m * sampleRate) / 1000) + 2 * i + 1);
}

export function noPcmLoads(): Promise<PcmAudio> {
  return Promise.reject(new Error('the in-order chain must not need any segment PCM'));
}

/** Each segment prepared (as ingest does) for its start, or for no start where `startOf` gives undefined. */
export async function preparedPieces(
  segments: readonly PcmAudio[],
  startOf: (index: number) => number | undefined,
): Promise<Buffer[]> {
  const pieces: Buffer[] = [];
  for (const [index, segment] of segments.entries())
    pieces.push((await prepareSegment(segment, startOf(index))).pieceBytes);
  return pieces;
}
