/**
 * LAME 3.100 compiled to WebAssembly (`wasm-media-encoders`), loaded once per process.
 *
 * The reference C encoder in WASM runs about five times faster than the lamejs port (a JavaScript
 * translation of an older LAME) and encodes with the settings of native `lame -q 3 --cbr` (same frame
 * count and file size). Unlike lamejs it uses the bit reservoir (a frame's data may start in the unused
 * bytes of earlier frames), so frames cut from different runs are repacked before they are joined: see
 * bit-reservoir.ts.
 *
 * The package inlines its .wasm as base64, so the same import works under esbuild bundles (cloud
 * functions), tsx and jest, with nothing to copy next to the bundle.
 */
import { createMp3Encoder, type WasmMediaEncoder } from 'wasm-media-encoders';

export type LameEncoder = WasmMediaEncoder<'audio/mpeg'>;
type LameConfig = Parameters<LameEncoder['configure']>[0];
/** The constant bitrates (kbps) the WASM wrapper accepts. */
export type CbrKbps = NonNullable<LameConfig['bitrate']>;
/** The output sample rates it accepts (each of RecorderManager's rates). */
export type LameSampleRate = NonNullable<LameConfig['outputSampleRate']>;

/**
 * Sample frames [start, start + count) of interleaved 16-bit PCM written into one float plane per
 * channel, the form the encoder takes (it scales floats by 32768: the same samples exactly).
 */
export function writeFloatPlanes(
  samples: Int16Array,
  planes: readonly Float32Array[],
  start: number,
  count: number,
): void {
  const channels = planes.length;
  for (let c = 0; c < channels; c++) {
    const plane = planes[c]!;
    for (let i = 0, j = start * channels + c; i < count; i++, j += channels) plane[i] = samples[j]! / 32768;
  }
}

let instance: Promise<LameEncoder> | undefined;

/**
 * The process's encoder. One instance serves every run: `configure()` starts a fresh stream, and a run
 * goes from configure to finalize without awaiting, so concurrent callers never interleave on it.
 */
export function lameEncoder(): Promise<LameEncoder> {
  instance ??= createMp3Encoder().catch((error: unknown) => {
    instance = undefined; // let the next call try again instead of caching the failure
    throw error;
  });
  return instance;
}

/** An encoder of its own, for a stream fed over time (the shared one must not be held across awaits). */
export function newLameEncoder(): Promise<LameEncoder> {
  return createMp3Encoder();
}
