/**
 * A segment's chain piece: what ingest stores so finalize can build the full MP3 without re-encoding the
 * segment. It holds the segment's own LAME run, started on the recording's frame grid (frames + where
 * they sit on the grid), and the PCM at both ends of the segment for encoding the small join pieces.
 *
 * Serialised form (`serializeChainPiece`), one Buffer to store as a file:
 *   "DRCP" | u8 version | u32 LE header length | header JSON | head PCM | tail PCM | MP3 frames
 */
import { AppError, ErrorCode } from '../../typings/errors';
import type { PcmAudio } from './pcm';

export interface ChainPiece {
  sampleRate: number;
  channels: 1 | 2;
  /** Sample frames in the segment. */
  sampleCount: number;
  /** Global sample where the segment starts; null when it was not known at ingest (no usable frames). */
  startSample: number | null;
  /** Global index of the run's first frame. */
  firstFrame: number;
  /** Frames the run emitted before its flush. */
  emittedFrames: number;
  /** All frames of the run (emitted, then flushed), no tag frame. Empty when startSample is null. */
  frames: Buffer;
  /** The first edgeSamples sample frames (or the whole segment when it is short). */
  head: Int16Array;
  /** The last edgeSamples sample frames (empty when head already holds the whole segment). */
  tail: Int16Array;
}

const MAGIC = 'DRCP';
const VERSION = 1;

type PieceHeader = Omit<ChainPiece, 'frames' | 'head' | 'tail'> & {
  headSamples: number;
  tailSamples: number;
  frameBytes: number;
};

function pcmBytes(samples: Int16Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

export function serializeChainPiece(piece: ChainPiece): Buffer {
  const { frames, head, tail, ...meta } = piece;
  const header: PieceHeader = {
    ...meta,
    headSamples: head.length,
    tailSamples: tail.length,
    frameBytes: frames.length,
  };
  const json = Buffer.from(JSON.stringify(header));
  const prefix = Buffer.alloc(9);
  prefix.write(MAGIC, 0, 'ascii');
  prefix[4] = VERSION;
  prefix.writeUInt32LE(json.length, 5);
  return Buffer.concat([prefix, json, pcmBytes(head), pcmBytes(tail), frames]);
}

function corrupt(reason: string): AppError {
  return new AppError(ErrorCode.INTERNAL, `chain piece is unreadable: ${reason}`, false);
}

function readHeader(bytes: Buffer): { header: PieceHeader; bodyAt: number } {
  if (bytes.length < 9 || bytes.toString('ascii', 0, 4) !== MAGIC) throw corrupt('bad magic');
  if (bytes[4] !== VERSION) throw corrupt(`version ${bytes[4]} is not ${VERSION}`);
  const jsonLength = bytes.readUInt32LE(5);
  if (9 + jsonLength > bytes.length) throw corrupt('header runs past the end');
  try {
    return {
      header: JSON.parse(bytes.toString('utf8', 9, 9 + jsonLength)) as PieceHeader,
      bodyAt: 9 + jsonLength,
    };
  } catch {
    throw corrupt('header is not JSON');
  }
}

function copySamples(bytes: Buffer, at: number, count: number): Int16Array {
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + count * 2));
}

export function deserializeChainPiece(bytes: Buffer): ChainPiece {
  const { header, bodyAt } = readHeader(bytes);
  const { headSamples, tailSamples, frameBytes, ...meta } = header;
  const sizes = [headSamples, tailSamples, frameBytes, meta.sampleCount, meta.firstFrame, meta.emittedFrames];
  if (!sizes.every((n) => Number.isInteger(n) && n >= 0)) throw corrupt('header sizes are not counts');
  const tailAt = bodyAt + headSamples * 2;
  const framesAt = tailAt + tailSamples * 2;
  if (framesAt + frameBytes !== bytes.length)
    throw corrupt(`expected ${framesAt + frameBytes} bytes, got ${bytes.length}`);
  return {
    ...meta,
    head: copySamples(bytes, bodyAt, headSamples),
    tail: copySamples(bytes, tailAt, tailSamples),
    frames: Buffer.from(bytes.subarray(framesAt)),
  };
}

/** The PCM a piece carries, as global sample-frame ranges. */
export function pieceEdges(
  piece: ChainPiece,
  startSample: number,
): Array<{ start: number; audio: PcmAudio }> {
  const format = { sampleRate: piece.sampleRate, channels: piece.channels };
  const tailFrames = piece.tail.length / piece.channels;
  const edges = [{ start: startSample, audio: { ...format, samples: piece.head } }];
  if (tailFrames > 0)
    edges.push({
      start: startSample + piece.sampleCount - tailFrames,
      audio: { ...format, samples: piece.tail },
    });
  return edges;
}
