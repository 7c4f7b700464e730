import * as fs from 'node:fs';
import { AppError, ErrorCode } from '../../typings/errors';
import { parseMicWav, type PcmAudio } from './wav-file';

/** One read of the microphone: `frames` sample frames from `startFrame`, at `sampleRate`. */
export interface MicRead {
  startFrame: number;
  frames: number;
  sampleRate: number;
}

/**
 * What the microphone does once the WAV has been played through: fall silent, stop the recording, or
 * start the WAV again (a reader who never pauses, for long takes and honest benchmarks).
 */
export type MicEndBehaviour = 'silence' | 'stop' | 'loop';

/** Converts interleaved PCM to another channel count (mono mix-down or duplication). */
function toChannels(audio: PcmAudio, channels: 1 | 2): Int16Array {
  if (audio.channels === channels) return audio.samples;
  const frames = audio.samples.length / audio.channels;
  const out = new Int16Array(frames * channels);
  for (let f = 0; f < frames; f += 1) {
    const value =
      audio.channels === 2
        ? Math.round((audio.samples[2 * f] + audio.samples[2 * f + 1]) / 2)
        : audio.samples[f];
    for (let c = 0; c < channels; c += 1) out[f * channels + c] = value;
  }
  return out;
}

/** Linear-interpolation resampling: good enough for speech, and exact when the rates match. */
function resample(samples: Int16Array, channels: number, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const inFrames = samples.length / channels;
  const outFrames = Math.floor((inFrames * to) / from);
  const out = new Int16Array(outFrames * channels);
  for (let f = 0; f < outFrames; f += 1) {
    const pos = (f * from) / to;
    const i = Math.floor(pos);
    const frac = pos - i;
    const j = Math.min(i + 1, inFrames - 1);
    for (let c = 0; c < channels; c += 1) {
      out[f * channels + c] = Math.round(
        samples[i * channels + c] * (1 - frac) + samples[j * channels + c] * frac,
      );
    }
  }
  return out;
}

/**
 * A microphone that "hears" a WAV file. The read position carries over pause/resume and across
 * recordings (the speaker waits while the recorder is paused), so concatenated recordings equal the WAV.
 */
export class WavMicrophone {
  private readonly source: PcmAudio;
  private converted: { key: string; samples: Int16Array } | null = null;
  private positionSeconds = 0;
  /** Every read, in order: what the microphone delivered to the recorder, for audio checks. */
  readonly positionLog: MicRead[] = [];

  constructor(
    wavPath: string,
    readonly onEnd: MicEndBehaviour = 'silence',
  ) {
    if (!fs.existsSync(wavPath))
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `microphone WAV not found: ${wavPath}`);
    this.source = parseMicWav(fs.readFileSync(wavPath));
  }

  get durationMs(): number {
    return ((this.source.samples.length / this.source.channels) * 1000) / this.source.sampleRate;
  }

  /** The whole WAV as it sounds at `sampleRate`/`channels` (what a test compares recordings with). */
  pcmAt(sampleRate: number, channels: 1 | 2): Int16Array {
    const key = `${sampleRate}/${channels}`;
    if (this.converted?.key !== key) {
      const mixed = toChannels(this.source, channels);
      this.converted = { key, samples: resample(mixed, channels, this.source.sampleRate, sampleRate) };
    }
    return this.converted.samples;
  }

  /**
   * What reads of stream positions [startFrame, endFrame) delivered, mono or stereo at `sampleRate`: the
   * WAV, then (by `onEnd`) the WAV again or silence. A recording that outlasts the WAV is checked against
   * this, never against the WAV cut short.
   */
  delivered(startFrame: number, endFrame: number, sampleRate: number, channels: 1 | 2): Int16Array {
    const all = this.pcmAt(sampleRate, channels);
    const totalFrames = all.length / channels;
    const out = new Int16Array(Math.max(0, endFrame - startFrame) * channels);
    for (let frame = startFrame; frame < endFrame && totalFrames > 0;) {
      const wrapped = this.onEnd === 'loop' ? frame % totalFrames : frame;
      if (wrapped >= totalFrames) break; // silence past the end: the rest stays zero
      const run = Math.min(endFrame - frame, totalFrames - wrapped);
      out.set(all.subarray(wrapped * channels, (wrapped + run) * channels), (frame - startFrame) * channels);
      frame += run;
    }
    return out;
  }

  /**
   * Reads `frames` sample frames from where the last read ended, through `delivered` (so what a read gave
   * and what `delivered` reports for its positions cannot differ); `exhausted` when the WAV ended and the
   * mic is set to stop. A looping mic's position keeps counting past the end (`delivered` wraps it).
   */
  read(frames: number, sampleRate: number, channels: 1 | 2): { samples: Int16Array; exhausted: boolean } {
    const totalFrames = this.pcmAt(sampleRate, channels).length / channels;
    const start = Math.round(this.positionSeconds * sampleRate);
    const available = Math.max(0, Math.min(frames, totalFrames - start));
    const wanted = this.onEnd === 'stop' ? available : frames;
    const samples = this.delivered(start, start + wanted, sampleRate, channels);
    this.positionSeconds = (start + wanted) / sampleRate;
    if (wanted > 0) this.positionLog.push({ startFrame: start, frames: wanted, sampleRate });
    return { samples, exhausted: this.onEnd === 'stop' && start + available >= totalFrames };
  }

  rewind(): void {
    this.positionSeconds = 0;
  }
}
