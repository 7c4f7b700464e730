/**
 * The global frame grid of a recording.
 *
 * Think of the full MP3 as one LAME run over all segments' audio laid end to end ("global" samples,
 * counted from the recording's first sample). Its frame j covers the same stretch of audio in every run
 * that starts on a frame boundary (a multiple of the frame size F) before it, so a run over part of the
 * recording, started on the grid, yields frames that can stand in for the global run's frames — once
 * the run has warmed up (its first frames also see the silence LAME starts with, not the audio that
 * really came before) and only for frames LAME encoded before it was flushed (a frame is encoded once
 * the encoder has seen 224 samples of look-ahead past it; flushing pads with silence instead).
 *
 * Measured on LAME 3.100 (WASM), checked by test/audio/grid.test.ts: a run over L input samples encodes
 * floor((L − 224) / F) frames before its flush, identical to the global run's; a run's block types (the
 * window sequence) match the global run's after at most 3 frames at 16 kHz, 2 at 44.1 kHz, 4 at 8 kHz.
 * The frames' bits are not always identical to the global run's: bit allocation depends on how full the
 * bit reservoir is, and that differs between runs (bit-reservoir.ts makes frames of different runs fit
 * together). Decoded output lags the input by 1105 samples (576 encoder delay + 529 decoder delay).
 */
import { mp3FrameSamples } from './format';

/** Samples of delay LAME puts before the audio (what the LAME tag records as encoder delay). */
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
