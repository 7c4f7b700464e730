/**
 * The audio formats the pipeline accepts and what MP3 it makes of them.
 *
 * Sample rates are RecorderManager's list. MPEG frames hold 1152 samples per channel at 32 kHz and above
 * (MPEG-1) and 576 below (MPEG-2 / 2.5).
 *
 * Speech bitrates (kbps), CBR, chosen so LAME keeps the input rate (no resampling, which would shift
 * the frame grid the gapless chain relies on) and speech stays clear:
 *
 * | sample rate (Hz)     | mono | stereo |
 * |----------------------|------|--------|
 * | 8000                 | 16   | 32     |
 * | 11025, 12000         | 24   | 48     |
 * | 16000                | 32   | 64     |
 * | 22050, 24000         | 48   | 96     |
 * | 32000, 44100, 48000  | 64   | 128    |
 */
import { SUPPORTED_SAMPLE_RATES } from '../../typings/audio';

export { SUPPORTED_SAMPLE_RATES };

const MONO_KBPS: Readonly<Record<number, number>> = {
  8000: 16,
  11025: 24,
  12000: 24,
  16000: 32,
  22050: 48,
  24000: 48,
  32000: 64,
  44100: 64,
  48000: 64,
};

export function isSupportedSampleRate(sampleRate: number): boolean {
  return SUPPORTED_SAMPLE_RATES.includes(sampleRate);
}

/** CBR bitrate in kbps for speech at this rate and channel count (see the table above). */
export function speechBitrateKbps(sampleRate: number, channels: 1 | 2): number {
  const mono = MONO_KBPS[sampleRate];
  if (mono === undefined) throw new RangeError(`unsupported sample rate ${sampleRate}`);
  return mono * channels;
}

/** Samples per channel in one MP3 frame at this rate. */
export function mp3FrameSamples(sampleRate: number): 576 | 1152 {
  return sampleRate >= 32000 ? 1152 : 576;
}
