/**
 * The global frame grid of a recording.
 *
 * Think of the full MP3 as one lamejs run over all segments' audio laid end to end ("global" samples,
 * counted from the recording's first sample). Its frame j covers the same stretch of audio in every run
 * that starts on a frame boundary (a multiple of the frame size F) before it, so a run over part of the
 * recording, started on the grid, yields frames that can stand in for the global run's frames — once
 * the run has warmed up (its first frames also see the silence lamejs starts with, not the audio that
 * really came before) and only while lamejs emits frames without being flushed (a frame is emitted once
 * the encoder has seen 752 samples of look-ahead past it; flushing pads with silence instead).
 *
 * Measured on lamejs 1.2.7: after 3–4 frames a run's frames are byte-identical to the global run's
 * (16 kHz); without a flush, a run over L input samples emits floor((L − 224) / F) frames. Decoded
 * output lags the input by 1105 samples (576 encoder delay + 529 decoder delay).
 */
import { mp3FrameSamples } from './format';

/** Samples of delay lamejs puts before the audio (what the LAME tag records as encoder delay). */
export const ENCODER_DELAY = 576;

export interface GridGeometry {
  /** Samples per channel in one frame. */
  frameSize: 576 | 1152;
  /** Frames a run needs before its frames match the global run's. */
  warmupFrames: number;
  /** Sample frames kept from each end of a segment so joins can be encoded without the whole segment. */
  edgeSamples: number;
}

export function gridGeometry(sampleRate: number): GridGeometry {
  const frameSize = mp3FrameSamples(sampleRate);
  // One frame more than measured, for up to F − 1 samples of silence placed in front to reach the grid.
  const warmupFrames = frameSize === 576 ? 6 : 4;
  // A join run starts warmupFrames before the first frame it must make and needs 224 samples (< F) of
  // look-ahead past the last one: warmup + 2 frames of audio on each side of a join is always enough.
  return { frameSize, warmupFrames, edgeSamples: (warmupFrames + 2) * frameSize };
}

/** Where a run that must contain global sample `startSample` begins on the grid. */
export function gridStart(
  startSample: number,
  frameSize: number,
): { firstFrame: number; leadingSilence: number } {
  const firstFrame = Math.floor(startSample / frameSize);
  return { firstFrame, leadingSilence: startSample - firstFrame * frameSize };
}

/** Frames a run over `inputSamples` emits before it is flushed (see the measurement above). */
export function framesBeforeFlush(inputSamples: number, frameSize: number): number {
  return Math.max(0, Math.floor((inputSamples - 224) / frameSize));
}
