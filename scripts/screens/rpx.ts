/**
 * WeChat's rpx rule, as the runtime that `wcsc` (WeChat's own WXSS compiler) emits computes it:
 * `BASE_DEVICE_WIDTH = 750`, `Math.floor(rpx / 750 * screenWidth + 1e-4)`, and a non-zero length that floors
 * to 0 becomes 1 px (0.5 px only on a high-DPR iPhone; we draw the Android case).
 */
const BASE_DEVICE_WIDTH = 750;
const EPS = 1e-4;

export function rpxToPx(rpx: number, screenWidth: number): number {
  if (rpx === 0) return 0;
  const px = Math.floor((rpx / BASE_DEVICE_WIDTH) * screenWidth + EPS);
  return px === 0 ? 1 : px;
}

/** Every `<number>rpx` in a CSS value or style attribute, in px for this screen width. */
export function replaceRpx(css: string, screenWidth: number): string {
  return css.replace(/(-?\d*\.?\d+)rpx\b/g, (_, n: string) => `${rpxToPx(Number(n), screenWidth)}px`);
}
