/**
 * Loads `@breezystack/lamejs` the same way under esbuild bundles, tsx and jest.
 *
 * The package's `import` condition is an ES module (what esbuild bundles into cloud functions), but its
 * `require` condition is an IIFE script that only declares a script-level `lamejs` variable and exports
 * nothing. tsx and jest compile our code to CommonJS and land on that script, so when the static import
 * comes back empty we run the script text once and take its `lamejs` value.
 */
import * as imported from '@breezystack/lamejs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface LameEncoder {
  encodeBuffer(left: Int16Array, right?: Int16Array): Int8Array | Uint8Array;
  flush(): Int8Array | Uint8Array;
}

type EncoderConstructor = new (channels: number, sampleRate: number, kbps: number) => LameEncoder;

function pickConstructor(mod: unknown): EncoderConstructor | undefined {
  const candidate = mod as { Mp3Encoder?: unknown; default?: { Mp3Encoder?: unknown } } | undefined;
  const ctor = candidate?.Mp3Encoder ?? candidate?.default?.Mp3Encoder;
  return typeof ctor === 'function' ? (ctor as EncoderConstructor) : undefined;
}

function loadFromScript(): EncoderConstructor {
  const file = createRequire(__filename).resolve('@breezystack/lamejs');
  const script = readFileSync(file, 'utf8');
  // Evaluated in the current realm (not vm) so typed arrays pass in and out unchanged under jest.
  const lamejs = new Function(`${script}\nreturn lamejs;`)() as unknown;
  const ctor = pickConstructor(lamejs);
  if (!ctor) throw new Error(`@breezystack/lamejs at ${file} exposes no Mp3Encoder`);
  return ctor;
}

let cached: EncoderConstructor | undefined;

/** The lamejs `Mp3Encoder` constructor, resolved once per process. */
export function lameEncoderConstructor(): EncoderConstructor {
  cached ??= pickConstructor(imported) ?? loadFromScript();
  return cached;
}
