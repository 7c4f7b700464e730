/**
 * MPEG-1/2/2.5 Layer III frame headers: enough to walk an encoder's output frame by frame, so pieces of
 * separately encoded streams can be cut and joined exactly at frame boundaries.
 */

const BITRATES_MPEG1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_MPEG2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES_BY_VERSION: Readonly<Record<number, number[]>> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

export interface Mp3FrameHeader {
  /** 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5 (the header's two version bits). */
  versionBits: number;
  bitrateKbps: number;
  sampleRate: number;
  channels: 1 | 2;
  padding: boolean;
  /** Whether a 16-bit CRC follows the 4-byte header (protection bit 0). */
  hasCrc: boolean;
  /** Bytes in the whole frame, header included. */
  byteLength: number;
  /** Samples per channel the frame decodes to. */
  samples: 576 | 1152;
}

export function isMpeg1(sampleRate: number): boolean {
  return sampleRate >= 32000;
}

/** Bitrate table (kbps, index 1..14) for the MPEG version that carries this sample rate. */
export function bitrateTable(sampleRate: number): readonly number[] {
  return isMpeg1(sampleRate) ? BITRATES_MPEG1 : BITRATES_MPEG2;
}

/** Layer III frame length in bytes. */
export function frameByteLength(sampleRate: number, bitrateKbps: number, padding: boolean): number {
  const coefficient = isMpeg1(sampleRate) ? 144 : 72;
  return Math.floor((coefficient * bitrateKbps * 1000) / sampleRate) + (padding ? 1 : 0);
}

function isLayer3Sync(bytes: Uint8Array, offset: number): boolean {
  const b1 = bytes[offset + 1] ?? 0;
  return bytes[offset] === 0xff && (b1 & 0xe0) === 0xe0 && ((b1 >> 1) & 0x03) === 1;
}

/** The Layer III header at `offset`, or undefined when the bytes there are not one. */
export function readFrameHeader(bytes: Uint8Array, offset: number): Mp3FrameHeader | undefined {
  if (offset + 4 > bytes.length || !isLayer3Sync(bytes, offset)) return undefined;
  const versionBits = (bytes[offset + 1]! >> 3) & 0x03;
  const b2 = bytes[offset + 2]!;
  const sampleRate = RATES_BY_VERSION[versionBits]?.[(b2 >> 2) & 0x03];
  const bitrateKbps = sampleRate ? bitrateTable(sampleRate)[b2 >> 4] : undefined;
  if (!sampleRate || !bitrateKbps) return undefined;
  const padding = ((b2 >> 1) & 0x01) === 1;
  return {
    versionBits,
    bitrateKbps,
    sampleRate,
    channels: bytes[offset + 3]! >> 6 === 3 ? 1 : 2,
    padding,
    hasCrc: (bytes[offset + 1]! & 0x01) === 0,
    byteLength: frameByteLength(sampleRate, bitrateKbps, padding),
    samples: isMpeg1(sampleRate) ? 1152 : 576,
  };
}

/**
 * Byte offsets of consecutive frames from the start of `bytes`, plus the end offset as the last entry
 * (so frame i is bytes[offsets[i], offsets[i + 1])). Throws if the data is not a clean run of frames.
 */
export function frameOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const header = readFrameHeader(bytes, offset);
    if (!header || offset + header.byteLength > bytes.length) {
      throw new Error(`no complete MP3 frame at byte ${offset} of ${bytes.length}`);
    }
    offsets.push(offset);
    offset += header.byteLength;
  }
  offsets.push(offset);
  return offsets;
}
