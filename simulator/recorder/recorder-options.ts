import { WxFailure } from '../core/wx-result';
import type { RecorderStartOption } from './recorder-types';

export type RecorderFormat = 'mp3' | 'aac' | 'wav' | 'PCM';

export interface ResolvedStartOptions {
  duration: number;
  sampleRate: number;
  numberOfChannels: 1 | 2;
  encodeBitRate: number;
  format: RecorderFormat;
  /** Bytes per onFrameRecorded frame; 0 when frames are off (no frameSize, or a format without frames). */
  frameBytes: number;
}

/** Documented maximum `duration`: 10 minutes. */
export const MAX_DURATION_MS = 600000;

/** The documented sampleRate → encodeBitRate ranges (miniprogram-api-typings, RecorderManager.start). */
export const BITRATE_RANGES: Readonly<Record<number, readonly [number, number]>> = {
  8000: [16000, 48000],
  11025: [16000, 48000],
  12000: [24000, 64000],
  16000: [24000, 96000],
  22050: [32000, 128000],
  24000: [32000, 128000],
  32000: [48000, 192000],
  44100: [64000, 320000],
  48000: [64000, 320000],
};

const FORMATS: readonly RecorderFormat[] = ['mp3', 'aac', 'wav', 'PCM'];
/** Only these formats deliver onFrameRecorded (docs: "暂仅支持 mp3、pcm 格式"). */
const FRAME_FORMATS: readonly RecorderFormat[] = ['mp3', 'PCM'];

function resolveDuration(duration: unknown): number {
  if (duration === undefined) return 60000;
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0) {
    throw new WxFailure(`invalid duration ${String(duration)}`);
  }
  // Longer requests are capped at the platform maximum rather than refused.
  return Math.min(Math.round(duration), MAX_DURATION_MS);
}

function checkBitRate(sampleRate: number, encodeBitRate: number, format: RecorderFormat): void {
  const range = BITRATE_RANGES[sampleRate];
  if (!range) throw new WxFailure(`invalid sampleRate ${sampleRate}`);
  // Bit rate only matters to the compressed formats; PCM and wav are raw.
  if ((format === 'mp3' || format === 'aac') && (encodeBitRate < range[0] || encodeBitRate > range[1])) {
    throw new WxFailure(
      `invalid encodeBitRate ${encodeBitRate} for sampleRate ${sampleRate} (valid ${range[0]} ~ ${range[1]})`,
    );
  }
}

/** The documented defaults: duration 60000, sampleRate 8000, 2 channels, 48000 bps, aac, no frames. */
function withDefaults(options: RecorderStartOption) {
  return {
    format: options.format ?? 'aac',
    sampleRate: options.sampleRate ?? 8000,
    numberOfChannels: options.numberOfChannels ?? 2,
    encodeBitRate: options.encodeBitRate ?? 48000,
    frameSize: options.frameSize ?? 0,
  };
}

/** Defaults, then validation; a bad option is a WxFailure (the recorder reports it through onError). */
export function resolveStartOptions(options: RecorderStartOption = {}): ResolvedStartOptions {
  const { format, sampleRate, numberOfChannels, encodeBitRate, frameSize } = withDefaults(options);
  if (!FORMATS.includes(format)) throw new WxFailure(`invalid format ${String(format)}`);
  if (numberOfChannels !== 1 && numberOfChannels !== 2) {
    throw new WxFailure(`invalid numberOfChannels ${String(numberOfChannels)}`);
  }
  checkBitRate(sampleRate, encodeBitRate, format);
  if (typeof frameSize !== 'number' || frameSize < 0)
    throw new WxFailure(`invalid frameSize ${String(frameSize)}`);
  const frameBytes = FRAME_FORMATS.includes(format) ? Math.round(frameSize * 1024) : 0;
  const duration = resolveDuration(options.duration);
  return { duration, sampleRate, numberOfChannels, encodeBitRate, format, frameBytes };
}
