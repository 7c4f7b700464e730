/**
 * The Xing/Info + LAME tag frame that starts our MP3s: it gives players the duration (frame and byte
 * counts, a seek table) and tells gapless decoders (ffmpeg, browsers, mpg123) how many samples of encoder
 * delay to skip at the start and of padding to drop at the end, so the decoded audio has exactly the
 * encoded length. The frame itself decodes to nothing. "Info" marks a constant bitrate; a full MP3 with a
 * frame widened at a join (bit-reservoir.ts) gets "Xing", and its seek table follows the real offsets.
 */
import { bitrateTable, frameByteLength, isMpeg1, readFrameHeader } from './mp3-frames';
import { AppError, ErrorCode } from '../../typings/errors';

export interface InfoTagFields {
  /** Audio frames that follow the tag frame. */
  frameCount: number;
  /** Bytes of those audio frames. */
  audioBytes: number;
  /** Leading samples to skip (encoder delay plus any silence added in front). Max 4095. */
  delay: number;
  /** Trailing samples to drop. Max 4095. */
  padding: number;
  /** CRC-16 of the audio frames (see `crc16`). */
  musicCrc: number;
  /** Byte offset of each audio frame from the first one's start (for the seek table). */
  frameStarts: readonly number[];
  /** Whether every audio frame has the same bitrate. */
  constantBitrate: boolean;
}

const XING_BYTES = 120; // "Info", flags, frames, bytes, 100-byte TOC, quality
const LAME_BYTES = 36;
const FLAGS_ALL = 0x0f;
const ENCODER_VERSION = 'LAME3.100'; // 9 bytes; the "LAME" prefix is what decoders look for

const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-16 (polynomial 0x8005, reflected), the checksum the LAME tag uses. */
export function crc16(bytes: Uint8Array, crc = 0): number {
  let value = crc;
  for (let i = 0; i < bytes.length; i++) value = (value >>> 8) ^ CRC_TABLE[(value ^ bytes[i]!) & 0xff]!;
  return value;
}

function sideInfoBytes(sampleRate: number, channels: 1 | 2): number {
  if (isMpeg1(sampleRate)) return channels === 1 ? 17 : 32;
  return channels === 1 ? 9 : 17;
}

/** The lowest bitrate index whose frame is big enough to hold the tag (low speech bitrates are too small). */
function tagBitrateIndex(sampleRate: number, needed: number): number {
  const table = bitrateTable(sampleRate);
  const index = table.findIndex((kbps, i) => i > 0 && frameByteLength(sampleRate, kbps, false) >= needed);
  if (index < 0) throw new Error(`no MP3 bitrate at ${sampleRate} Hz fits a ${needed}-byte tag frame`);
  return index;
}

function writeLameExtension(
  frame: Buffer,
  at: number,
  fields: InfoTagFields,
  bitrateKbps: number,
  fileBytes: number,
): void {
  frame.write(ENCODER_VERSION, at, 'ascii');
  frame[at + 9] = fields.constantBitrate ? 0x01 : 0x00; // tag revision 0, VBR method 1 = CBR, 0 = unknown
  frame[at + 20] = Math.min(255, bitrateKbps);
  frame.writeUIntBE((fields.delay << 12) | fields.padding, at + 21, 3);
  frame.writeUInt32BE(fileBytes, at + 28);
  frame.writeUInt16BE(fields.musicCrc, at + 32);
  frame.writeUInt16BE(crc16(frame.subarray(0, at + 34)), at + 34);
}

/** Entry i: where i% of the duration starts, as a fraction of the file in 256ths (the Xing TOC). */
function writeSeekTable(frame: Buffer, at: number, fields: InfoTagFields, fileBytes: number): void {
  for (let i = 0; i < 100; i++) {
    const audioFrame = Math.min(fields.frameCount - 1, Math.floor((i * fields.frameCount) / 100));
    const byte = frame.length + (fields.frameStarts[Math.max(0, audioFrame)] ?? 0);
    frame[at + i] = Math.min(255, Math.floor((byte * 256) / fileBytes));
  }
}

/** A tag frame matching `firstAudioFrame`'s format, to be placed before the audio frames. */
export function buildInfoTagFrame(firstAudioFrame: Uint8Array, fields: InfoTagFields): Buffer {
  const header = readFrameHeader(firstAudioFrame, 0);
  if (!header) throw new Error('buildInfoTagFrame needs the first audio frame');
  if (fields.delay > 4095 || fields.padding > 4095 || fields.delay < 0 || fields.padding < 0) {
    throw new RangeError(
      `delay ${fields.delay} / padding ${fields.padding} do not fit the LAME tag's 12-bit fields`,
    );
  }
  const xingAt = 4 + sideInfoBytes(header.sampleRate, header.channels);
  const bitrateIndex = tagBitrateIndex(header.sampleRate, xingAt + XING_BYTES + LAME_BYTES);
  const bitrateKbps = bitrateTable(header.sampleRate)[bitrateIndex];
  if (bitrateKbps === undefined) throw new AppError(ErrorCode.INTERNAL, 'no bitrate fits the tag frame');
  const frame = Buffer.alloc(frameByteLength(header.sampleRate, bitrateKbps, false));
  frame[0] = 0xff;
  frame[1] = firstAudioFrame[1]! | 0x01; // same version and layer, no CRC
  frame[2] = (bitrateIndex << 4) | (firstAudioFrame[2]! & 0x0c); // same sample rate, no padding
  frame[3] = firstAudioFrame[3]!;
  const fileBytes = frame.length + fields.audioBytes;
  frame.write(fields.constantBitrate ? 'Info' : 'Xing', xingAt, 'ascii');
  frame.writeUInt32BE(FLAGS_ALL, xingAt + 4);
  frame.writeUInt32BE(fields.frameCount, xingAt + 8);
  frame.writeUInt32BE(fileBytes, xingAt + 12);
  writeSeekTable(frame, xingAt + 16, fields, fileBytes);
  frame.writeUInt32BE(57, xingAt + 116); // LAME's quality figure for CBR at quality 3
  writeLameExtension(frame, xingAt + XING_BYTES, fields, header.bitrateKbps, fileBytes);
  return frame;
}
