/** Byte ranges of a recording's streams: checking frames, trimming pieces to what arrived, reading the cache. */
import { open } from 'node:fs/promises';
import { FrameStream, type FrameHeader } from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';

/** Drops the unstored pieces from the first one whose bytes are not all here (the page never resent them). */
export function keepAvailable<T extends { stored: boolean; endOffset: number }>(
  pieces: T[],
  length: number,
): T[] {
  const cut = pieces.findIndex((piece) => !piece.stored && piece.endOffset > length);
  return cut === -1 ? pieces : pieces.slice(0, cut);
}

export function assertSampleAligned(header: FrameHeader, payload: Uint8Array, frameBytes: number): void {
  if (header.stream !== FrameStream.audio) return;
  if (payload.byteLength % frameBytes === 0 && header.byteOffset % frameBytes === 0) return;
  throw new AppError(ErrorCode.INVALID_ARGUMENT, `audio frames must be whole ${frameBytes}-byte samples`);
}

export async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    if (bytesRead !== buffer.length) throw new Error(`cache ends at ${start + bytesRead}, wanted ${end}`);
    return buffer;
  } finally {
    await handle.close();
  }
}
