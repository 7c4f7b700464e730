/** Sample rates RecorderManager can produce (miniprogram-api-typings RecorderManagerStartOption). */
export const SUPPORTED_SAMPLE_RATES: readonly number[] = [
  8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000,
];
