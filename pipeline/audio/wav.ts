/**
 * Strict WAV (RIFF/WAVE, 16-bit PCM) reading and writing.
 *
 * `parseWav` accepts exactly what RecorderManager writes in `wav` format — and other well-formed PCM
 * files, with extra chunks such as LIST — and refuses anything else with an `AppError` whose message
 * says what is wrong: `BAD_AUDIO` for malformed, truncated, empty or unsupported audio, `TOO_LARGE` for
 * files over the segment limit.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import { isSupportedSampleRate, SUPPORTED_SAMPLE_RATES } from './format';
import type { PcmAudio } from './pcm';

/** RecorderManager stops by itself at 10 minutes; a segment can never be longer. */
export const MAX_SEGMENT_DURATION_MS = 600_000;
/** 10 minutes of 48 kHz stereo 16-bit PCM plus room for header chunks. */
export const DEFAULT_MAX_WAV_BYTES = 600 * 48000 * 4 + 64 * 1024;

export interface WavLimits {
  maxBytes?: number;
  maxDurationMs?: number;
}

interface Chunk {
  id: string;
  offset: number;
  size: number;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

function bad(message: string): AppError {
  return new AppError(ErrorCode.BAD_AUDIO, message);
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

function checkRiffHeader(bytes: Uint8Array, view: DataView): number {
  if (bytes.length === 0) throw bad('WAV file is empty (0 bytes)');
  if (bytes.length < 12)
    throw bad(`WAV file is ${bytes.length} bytes, too short for a RIFF/WAVE header (12)`);
  const riff = ascii(bytes, 0);
  if (riff !== 'RIFF') throw bad(`not a RIFF WAV file: starts with ${JSON.stringify(riff)}, expected "RIFF"`);
  const wave = ascii(bytes, 8);
  if (wave !== 'WAVE') throw bad(`RIFF form type is ${JSON.stringify(wave)}, expected "WAVE"`);
  const end = 8 + view.getUint32(4, true);
  if (end > bytes.length) {
    throw bad(
      `WAV file is truncated: the RIFF header declares ${end} bytes but the file has ${bytes.length}`,
    );
  }
  if (end < bytes.length) {
    throw bad(
      `RIFF header declares ${end} bytes but the file has ${bytes.length}: size fields disagree with the data`,
    );
  }
  return end;
}

/** Every chunk of the RIFF body; a chunk running past the end means the file was cut short. */
function walkChunks(bytes: Uint8Array, view: DataView, end: number): Chunk[] {
  const chunks: Chunk[] = [];
  let offset = 12;
  while (offset < end) {
    if (offset + 8 > end)
      throw bad(`WAV file is truncated: ${end - offset} stray bytes where a chunk header should be`);
    const id = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    if (offset + 8 + size > end) {
      throw bad(
        `WAV file is truncated: chunk "${id}" declares ${size} bytes but only ${end - offset - 8} remain`,
      );
    }
    chunks.push({ id, offset: offset + 8, size });
    // RIFF chunks are word aligned: an odd-sized chunk is followed by one pad byte.
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

function single(chunks: Chunk[], id: string): Chunk {
  const found = chunks.filter((chunk) => chunk.id === id);
  if (found.length === 0) throw bad(`WAV file has no "${id.trim()}" chunk`);
  if (found.length > 1) throw bad(`WAV file has ${found.length} "${id.trim()}" chunks, expected one`);
  return found[0]!;
}

function formatTag(view: DataView, fmt: Chunk): number {
  const tag = view.getUint16(fmt.offset, true);
  if (tag !== WAVE_FORMAT_EXTENSIBLE) return tag;
  // WAVE_FORMAT_EXTENSIBLE keeps the real format in the first two bytes of the SubFormat GUID.
  if (fmt.size < 40) throw bad(`extensible fmt chunk is ${fmt.size} bytes, expected at least 40`);
  return view.getUint16(fmt.offset + 24, true);
}

interface WavFormat {
  channels: 1 | 2;
  sampleRate: number;
  blockAlign: number;
}

function readFormat(view: DataView, fmt: Chunk): WavFormat {
  if (fmt.size < 16) throw bad(`fmt chunk is ${fmt.size} bytes, expected at least 16`);
  const tag = formatTag(view, fmt);
  if (tag !== WAVE_FORMAT_PCM) throw bad(`audio format ${tag} is not supported; expected PCM (1)`);
  const channels = view.getUint16(fmt.offset + 2, true);
  const sampleRate = view.getUint32(fmt.offset + 4, true);
  const byteRate = view.getUint32(fmt.offset + 8, true);
  const blockAlign = view.getUint16(fmt.offset + 12, true);
  const bits = view.getUint16(fmt.offset + 14, true);
  if (bits !== 16) throw bad(`${bits}-bit samples are not supported; expected 16-bit PCM`);
  if (channels !== 1 && channels !== 2)
    throw bad(`${channels} channels are not supported; expected mono or stereo`);
  if (!isSupportedSampleRate(sampleRate)) {
    throw bad(
      `sample rate ${sampleRate} Hz is not supported; expected one of ${SUPPORTED_SAMPLE_RATES.join(', ')}`,
    );
  }
  if (blockAlign !== channels * 2 || byteRate !== sampleRate * blockAlign) {
    throw bad(
      `fmt chunk is inconsistent: block align ${blockAlign} and byte rate ${byteRate} do not match ${channels} channel(s) of 16-bit audio at ${sampleRate} Hz`,
    );
  }
  return { channels, sampleRate, blockAlign };
}

function checkLimits(bytes: Uint8Array, limits: WavLimits): void {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_WAV_BYTES;
  if (bytes.length > maxBytes) {
    throw new AppError(
      ErrorCode.TOO_LARGE,
      `WAV file is ${bytes.length} bytes; the limit for one segment is ${maxBytes} bytes`,
    );
  }
}

function checkDuration(frames: number, sampleRate: number, limits: WavLimits): void {
  const maxMs = limits.maxDurationMs ?? MAX_SEGMENT_DURATION_MS;
  const ms = (frames * 1000) / sampleRate;
  if (ms > maxMs) {
    throw new AppError(
      ErrorCode.TOO_LARGE,
      `WAV audio lasts ${Math.round(ms)} ms; the limit for one segment is ${maxMs} ms`,
    );
  }
}

/**
 * The data chunk as samples. WAV is little endian, as are the platforms Node runs on, so 2-byte aligned
 * data is viewed in place: a 10-minute segment is not held twice while it is encoded. Odd offsets are
 * copied (Uint8Array's slice, not Buffer's, which would be a view of the whole pool).
 */
function int16Samples(bytes: Uint8Array, data: Chunk): Int16Array {
  const start = bytes.byteOffset + data.offset;
  if (start % 2 === 0) return new Int16Array(bytes.buffer, start, data.size / 2);
  const copy = Uint8Array.prototype.slice.call(bytes, data.offset, data.offset + data.size);
  return new Int16Array(copy.buffer);
}

/**
 * Validates a WAV file and returns its samples. They share memory with `bytes` when the data is 2-byte
 * aligned (always, for canonical headers), so leave `bytes` unmodified while the audio is in use.
 */
export function parseWav(bytes: Uint8Array, limits: WavLimits = {}): PcmAudio {
  checkLimits(bytes, limits);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = checkRiffHeader(bytes, view);
  const chunks = walkChunks(bytes, view, end);
  const format = readFormat(view, single(chunks, 'fmt '));
  const data = single(chunks, 'data');
  if (data.size === 0) throw bad('WAV file has no audio: the data chunk is empty');
  if (data.size % format.blockAlign !== 0) {
    throw bad(
      `data chunk is ${data.size} bytes, not a whole number of ${format.blockAlign}-byte sample frames`,
    );
  }
  checkDuration(data.size / format.blockAlign, format.sampleRate, limits);
  return { sampleRate: format.sampleRate, channels: format.channels, samples: int16Samples(bytes, data) };
}

/** A canonical 44-byte-header WAV file for the audio. */
export function encodeWav(audio: PcmAudio): Buffer {
  const dataBytes = audio.samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVEfmt ', 8, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  out.writeUInt16LE(audio.channels, 22);
  out.writeUInt32LE(audio.sampleRate, 24);
  out.writeUInt32LE(audio.sampleRate * audio.channels * 2, 28);
  out.writeUInt16LE(audio.channels * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(dataBytes, 40);
  Buffer.from(audio.samples.buffer, audio.samples.byteOffset, dataBytes).copy(out, 44);
  return out;
}
