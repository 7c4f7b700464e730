/**
 * The two fields of a Layer III frame's side information that say where its audio data lies
 * (ISO/IEC 11172-3 2.4.1.7, 13818-3 2.4.1.7):
 * - `main_data_begin`: how many bytes before the end of the side information the frame's main data
 *   starts (0 = in its own frame; more = in the unused bytes of earlier frames, the bit reservoir);
 * - `part2_3_length` of every granule and channel: the main data's length in bits.
 *
 * Layout after the 4-byte header (and the 16-bit CRC, when present):
 * | version    | main_data_begin | private bits (mono/stereo) | scfsi        | granules × channels × bits |
 * | MPEG-1     | 9               | 5 / 3                      | 4 per channel | 2 × ch × 59               |
 * | MPEG-2/2.5 | 8               | 1 / 2                      | –            | 1 × ch × 63                |
 * Each granule/channel block starts with its 12-bit part2_3_length.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import { isMpeg1, type Mp3FrameHeader } from './mp3-frames';

export interface SideInfoLayout {
  /** Bytes before the main-data slot: header, CRC and side information. */
  headBytes: number;
  /** Largest main_data_begin the field can hold (and decoders keep in their reservoir). */
  maxMainDataBegin: 255 | 511;
}

interface BitLayout {
  sideInfoAt: number;
  beginBits: 8 | 9;
  /** Bit offset, within the side information, of the first granule/channel block. */
  blocksAt: number;
  blockBits: 59 | 63;
  blocks: number;
}

function bitLayout(header: Mp3FrameHeader): BitLayout {
  const sideInfoAt = header.hasCrc ? 6 : 4;
  const channels = header.channels;
  if (isMpeg1(header.sampleRate)) {
    const privateBits = channels === 1 ? 5 : 3;
    return {
      sideInfoAt,
      beginBits: 9,
      blocksAt: 9 + privateBits + 4 * channels,
      blockBits: 59,
      blocks: 2 * channels,
    };
  }
  return { sideInfoAt, beginBits: 8, blocksAt: 8 + channels, blockBits: 63, blocks: channels };
}

export function sideInfoLayout(header: Mp3FrameHeader): SideInfoLayout {
  const bits = bitLayout(header);
  const sideInfoBytes = Math.ceil((bits.blocksAt + bits.blocks * bits.blockBits) / 8);
  return { headBytes: bits.sideInfoAt + sideInfoBytes, maxMainDataBegin: bits.beginBits === 9 ? 511 : 255 };
}

function readBits(bytes: Uint8Array, bitOffset: number, count: number): number {
  let value = 0;
  for (let i = 0; i < count; i++) {
    const bit = bitOffset + i;
    value = (value << 1) | ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
  }
  return value;
}

function writeBits(bytes: Uint8Array, bitOffset: number, count: number, value: number): void {
  for (let i = 0; i < count; i++) {
    const bit = bitOffset + i;
    const mask = 1 << (7 - (bit & 7));
    if ((value >> (count - 1 - i)) & 1) bytes[bit >> 3]! |= mask;
    else bytes[bit >> 3]! &= ~mask;
  }
}

function checkNoCrc(header: Mp3FrameHeader): void {
  // A CRC covers the side information, so moving main data would invalidate it. LAME writes none.
  if (header.hasCrc) {
    throw new AppError(ErrorCode.INTERNAL, 'MP3 frames with a CRC cannot be repacked', false);
  }
}

/** main_data_begin of the frame at the start of `frame`. */
export function readMainDataBegin(frame: Uint8Array, header: Mp3FrameHeader): number {
  const bits = bitLayout(header);
  return readBits(frame, bits.sideInfoAt * 8, bits.beginBits);
}

/** Sets main_data_begin in place. */
export function writeMainDataBegin(frame: Uint8Array, header: Mp3FrameHeader, value: number): void {
  checkNoCrc(header);
  const bits = bitLayout(header);
  writeBits(frame, bits.sideInfoAt * 8, bits.beginBits, value);
}

/** Length of the frame's main data in bits: the sum of its part2_3_length fields. */
export function mainDataBits(frame: Uint8Array, header: Mp3FrameHeader): number {
  const bits = bitLayout(header);
  let total = 0;
  for (let block = 0; block < bits.blocks; block++) {
    total += readBits(frame, bits.sideInfoAt * 8 + bits.blocksAt + block * bits.blockBits, 12);
  }
  return total;
}

/**
 * The block type of every granule and channel (0 long, 1 start, 2 short, 3 stop): the window sequence,
 * which frames spliced from two runs must agree on (see grid.ts). Bits 12+9+8 in, after scalefac_compress
 * (4 bits in MPEG-1, 9 in MPEG-2/2.5), come window_switching_flag and, when set, the 2-bit block type.
 */
export function readBlockTypes(frame: Uint8Array, header: Mp3FrameHeader): number[] {
  const bits = bitLayout(header);
  const switchingAt = 12 + 9 + 8 + (bits.beginBits === 9 ? 4 : 9);
  const types: number[] = [];
  for (let block = 0; block < bits.blocks; block++) {
    const at = bits.sideInfoAt * 8 + bits.blocksAt + block * bits.blockBits + switchingAt;
    types.push(readBits(frame, at, 1) ? readBits(frame, at + 1, 2) : 0);
  }
  return types;
}
