/** Raw 16-bit PCM as the pipeline passes it around, plus small helpers that every audio file needs. */
import { AppError, ErrorCode } from '../../typings/errors';

export interface PcmAudio {
  sampleRate: number;
  channels: 1 | 2;
  /** Interleaved samples (L R L R … for stereo). */
  samples: Int16Array;
}

/** Sample frames (one sample per channel) in the audio. */
export function frameCount(audio: PcmAudio): number {
  return Math.floor(audio.samples.length / audio.channels);
}

/** Duration in milliseconds, rounded to the nearest millisecond. */
export function durationMs(audio: PcmAudio): number {
  return Math.round((frameCount(audio) * 1000) / audio.sampleRate);
}

/** Frames [start, end) of the audio as a view (no copy). */
export function sliceFrames(audio: PcmAudio, start: number, end: number): PcmAudio {
  const from = Math.max(0, start) * audio.channels;
  const to = Math.min(frameCount(audio), end) * audio.channels;
  return { ...audio, samples: audio.samples.subarray(from, Math.max(from, to)) };
}

/** The audio pieces joined end to end; they must share sample rate and channel count. */
export function concatPcm(parts: PcmAudio[]): PcmAudio {
  const first = parts[0];
  if (!first) throw new AppError(ErrorCode.INTERNAL, 'no PCM to concatenate');
  const total = parts.reduce((sum, part) => sum + part.samples.length, 0);
  const samples = new Int16Array(total);
  let offset = 0;
  for (const part of parts) {
    samples.set(part.samples, offset);
    offset += part.samples.length;
  }
  return { sampleRate: first.sampleRate, channels: first.channels, samples };
}
