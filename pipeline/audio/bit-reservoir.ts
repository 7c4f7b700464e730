/**
 * Joining frames of different LAME runs despite the bit reservoir.
 *
 * In a Layer III stream a frame's main data may start up to 255 (MPEG-2/2.5) or 511 (MPEG-1) bytes back,
 * in bytes earlier frames left unused. Frames cut from one run and put after frames of another would
 * point at the wrong bytes. So a join is done in two steps:
 * 1. `looseFrames` takes frames out of their run: each frame's header + side information, and its main
 *    data copied from wherever the run stored it;
 * 2. `packFrames` lays a sequence of loose frames out again as one stream, placing each frame's main
 *    data as early as the new stream allows and setting main_data_begin to match (what mp3packer does).
 *
 * Packing can only fail to fit when a frame needs more reservoir than the new stream has saved up at that
 * point (right after a join). Such a frame is written at the next bitrate that holds its data: the
 * audio is untouched, the stream is no longer strictly constant-bitrate at that frame.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import { bitrateTable, frameOffsets, readFrameHeader, type Mp3FrameHeader } from './mp3-frames';
import { mainDataBits, readMainDataBegin, sideInfoLayout, writeMainDataBegin } from './side-info';

/** One frame out of its run: header and side information, and its main data. */
export interface LooseFrame {
  head: Buffer;
  mainData: Buffer;
}

export interface PackedFrames {
  frames: Buffer;
  /** Frames written at a higher bitrate than they came with, to fit their data. */
  widened: number;
}

interface Slot {
  /** Position in the run's main-data stream (all frames' bytes after their side information). */
  start: number;
  length: number;
  /** Byte offset of the slot in the run. */
  at: number;
}

function headerAt(bytes: Uint8Array, offset: number): Mp3FrameHeader {
  const header = readFrameHeader(bytes, offset);
  if (!header) throw new AppError(ErrorCode.INTERNAL, `no MP3 frame header at byte ${offset}`, false);
  return header;
}

function slotsOf(run: Buffer, offsets: readonly number[], count: number): Slot[] {
  const slots: Slot[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const { headBytes } = sideInfoLayout(headerAt(run, offsets[i]!));
    const length = offsets[i + 1]! - offsets[i]! - headBytes;
    slots.push({ start, length, at: offsets[i]! + headBytes });
    start += length;
  }
  return slots;
}

function copyMainData(
  run: Buffer,
  slots: readonly Slot[],
  index: number,
  begin: number,
  length: number,
): Buffer {
  const out = Buffer.alloc(length);
  let slot = index;
  while (slot > 0 && slots[slot]!.start > begin) slot--;
  for (let written = 0; written < length; slot++) {
    const within = begin + written - slots[slot]!.start;
    const count = Math.min(slots[slot]!.length - within, length - written);
    run.copy(out, written, slots[slot]!.at + within, slots[slot]!.at + within + count);
    written += count;
  }
  return out;
}

/** Frames [from, to) of a run (a stream that starts with its own first frame), taken out of it. */
export function looseFrames(
  run: Buffer,
  from: number,
  to: number,
  offsets = frameOffsets(run),
): LooseFrame[] {
  const slots = slotsOf(run, offsets, to);
  const frames: LooseFrame[] = [];
  for (let index = from; index < to; index++) {
    const header = headerAt(run, offsets[index]!);
    const { headBytes } = sideInfoLayout(header);
    const length = Math.ceil(mainDataBits(run.subarray(offsets[index]), header) / 8);
    const begin = slots[index]!.start - readMainDataBegin(run.subarray(offsets[index]), header);
    if (begin < 0 || begin + length > slots[index]!.start + slots[index]!.length) {
      throw new AppError(ErrorCode.INTERNAL, `MP3 frame ${index}'s main data lies outside its run`, false);
    }
    frames.push({
      head: Buffer.from(run.subarray(offsets[index], offsets[index]! + headBytes)),
      mainData: copyMainData(run, slots, index, begin, length),
    });
  }
  return frames;
}

/** Raises the frame's bitrate one step; false when it is already the highest. */
function widen(head: Buffer, header: Mp3FrameHeader): boolean {
  const index = head[2]! >> 4;
  if (index >= bitrateTable(header.sampleRate).length - 1) return false;
  head[2] = ((index + 1) << 4) | (head[2]! & 0x0f);
  return true;
}

interface Placed {
  head: Buffer;
  mainData: Buffer;
  /** Where the main data goes in the new main-data stream, and the frame's own slot. */
  begin: number;
  slotStart: number;
  slotLength: number;
}

/** Lays loose frames out as one stream, each frame's main data as early as the format allows. */
export function packFrames(frames: readonly LooseFrame[]): PackedFrames {
  const placed: Placed[] = [];
  let dataEnd = 0;
  let slotStart = 0;
  let widened = 0;
  for (const frame of frames) {
    const head = Buffer.from(frame.head);
    let header = headerAt(head, 0);
    const { headBytes, maxMainDataBegin } = sideInfoLayout(header);
    const begin = Math.max(dataEnd, slotStart - maxMainDataBegin);
    const bitrateIndex = head[2]! >> 4;
    while (begin + frame.mainData.length > slotStart + header.byteLength - headBytes) {
      if (!widen(head, header)) {
        throw new AppError(ErrorCode.INTERNAL, 'an MP3 frame holds more data than any bitrate allows', false);
      }
      header = headerAt(head, 0);
    }
    if (head[2]! >> 4 !== bitrateIndex) widened++;
    writeMainDataBegin(head, header, slotStart - begin);
    const slotLength = header.byteLength - headBytes;
    placed.push({ head, mainData: frame.mainData, begin, slotStart, slotLength });
    dataEnd = begin + frame.mainData.length;
    slotStart += slotLength;
  }
  return { frames: writeStream(placed, slotStart), widened };
}

/** Headers and side information at frame starts, the main-data stream in the slots between them. */
function writeStream(placed: readonly Placed[], mainDataBytes: number): Buffer {
  const mainData = Buffer.alloc(mainDataBytes); // unused bytes stay zero (ancillary data)
  let total = 0;
  for (const frame of placed) {
    frame.mainData.copy(mainData, frame.begin);
    total += frame.head.length + frame.slotLength;
  }
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  for (const frame of placed) {
    at += frame.head.copy(out, at);
    at += mainData.copy(out, at, frame.slotStart, frame.slotStart + frame.slotLength);
  }
  return out;
}
