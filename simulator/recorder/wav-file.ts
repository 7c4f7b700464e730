import { parseWav } from '../../pipeline/audio/wav';
import type { PcmAudio } from '../../pipeline/audio/pcm';

export type { PcmAudio };

/** A microphone WAV of any length: the pipeline's strict parser without the one-segment limits. */
export function parseMicWav(bytes: Uint8Array): PcmAudio {
  return parseWav(bytes, { maxBytes: Number.POSITIVE_INFINITY, maxDurationMs: Number.POSITIVE_INFINITY });
}

/** Little-endian 16-bit bytes of the samples (a copy). */
export function int16ToBytes(samples: Int16Array): Buffer {
  return Buffer.from(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
}
