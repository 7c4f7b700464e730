/** Finalize side of the gapless chain (see gapless.ts): chain pieces → one gapless, tagged MP3. */
import { AppError, ErrorCode } from '../../typings/errors';
import { looseFrames, packFrames, type LooseFrame } from './bit-reservoir';
import { deserializeChainPiece, type ChainPiece } from './chain-piece';
import { ENCODER_DELAY, gridGeometry, type GridGeometry } from './grid';
import { encodeMp3Run } from './mp3';
import { frameOffsets } from './mp3-frames';
import { RecordingPcm, type SegmentPcmLoader } from './pcm-source';
import { prepareSegment } from './prepare-segment';
import { taggedMp3 } from './tagged-mp3';

export type { SegmentPcmLoader } from './pcm-source';

export interface AssembledMp3 {
  mp3: Buffer;
  sampleRate: number;
  channels: 1 | 2;
  sampleCount: number;
  durationMs: number;
  frameCount: number;
  /** Frames written one bitrate step up so their data fits after a join (see bit-reservoir.ts). */
  widenedFrames: number;
  /** Segments whose piece was missing, unreadable or made for another start, re-encoded from PCM. */
  rebuilt: number[];
  /** Segments whose full PCM was loaded (rebuilt ones, or joins no stored edge covered). */
  pcmLoads: number[];
}

type PieceInput = ChainPiece | Buffer | null | undefined;

interface Layout {
  pieces: ChainPiece[];
  starts: number[];
  offsets: number[][];
  geometry: GridGeometry;
  totalSamples: number;
}

function readPiece(input: PieceInput): ChainPiece | undefined {
  if (!input) return undefined;
  if (!Buffer.isBuffer(input)) return input;
  try {
    return deserializeChainPiece(input);
  } catch {
    return undefined; // unreadable: rebuilt from PCM like a missing piece
  }
}

function checkSameFormat(piece: ChainPiece, first: ChainPiece | undefined, index: number): void {
  if (first && (piece.sampleRate !== first.sampleRate || piece.channels !== first.channels)) {
    throw new AppError(
      ErrorCode.BAD_AUDIO,
      `segment ${index} is ${piece.channels} channel(s) at ${piece.sampleRate} Hz but segment 0 is ${first.channels} at ${first.sampleRate} Hz; one recording must keep one format`,
    );
  }
}

async function resolvePieces(
  inputs: readonly PieceInput[],
  load: SegmentPcmLoader,
): Promise<{ pieces: ChainPiece[]; starts: number[]; rebuilt: number[] }> {
  const pieces: ChainPiece[] = [];
  const starts: number[] = [];
  const rebuilt: number[] = [];
  let start = 0;
  for (let index = 0; index < inputs.length; index++) {
    let piece = readPiece(inputs[index]);
    if (!piece || piece.startSample !== start || piece.frames.length === 0) {
      piece = (await prepareSegment(await load(index), start)).piece;
      rebuilt.push(index);
    }
    checkSameFormat(piece, pieces[0], index);
    pieces.push(piece);
    starts.push(start);
    start += piece.sampleCount;
  }
  return { pieces, starts, rebuilt };
}

/** Segment `index`'s piece; the layout was built from these pieces, so a miss is a bug. */
function pieceOf(pieces: readonly ChainPiece[], index: number): ChainPiece {
  const piece = pieces[index];
  if (!piece) throw new AppError(ErrorCode.INTERNAL, `no chain piece for segment ${index}`);
  return piece;
}

/** Global frames [from, to) of segment `index` that match the full run (warm-up excluded, flush excluded). */
function bodyOf(layout: Layout, index: number): { from: number; to: number } {
  const piece = pieceOf(layout.pieces, index);
  const warmup = index === 0 ? 0 : layout.geometry.warmupFrames;
  return { from: piece.firstFrame + warmup, to: piece.firstFrame + piece.emittedFrames };
}

/** Global frames [from, to) (to = the run's end when undefined) out of segment `index`'s own run. */
function pieceFrames(layout: Layout, index: number, from: number, to?: number): LooseFrame[] {
  const piece = pieceOf(layout.pieces, index);
  const offsets = layout.offsets[index];
  if (!offsets) throw new AppError(ErrorCode.INTERNAL, `no frame offsets for segment ${index}`);
  const end = to === undefined ? offsets.length - 1 : to - piece.firstFrame;
  return looseFrames(piece.frames, from - piece.firstFrame, end, offsets);
}

/**
 * Frames [from, to) of the full run (to = end of file when `final`), encoded from the recording's PCM by
 * a run that starts warm-up frames earlier on the grid.
 */
async function encodeJoin(
  layout: Layout,
  source: RecordingPcm,
  from: number,
  to: number,
  final: boolean,
): Promise<LooseFrame[]> {
  const { frameSize, warmupFrames } = layout.geometry;
  const runFirst = Math.max(0, from - warmupFrames);
  const inputEnd = final ? layout.totalSamples : Math.min(layout.totalSamples, (to + 1) * frameSize);
  const samples = await source.read(runFirst * frameSize, inputEnd);
  const { sampleRate, channels } = pieceOf(layout.pieces, 0);
  const run = await encodeMp3Run({ sampleRate, channels, samples });
  const offsets = frameOffsets(run.frames);
  // Past the join only frames encoded before the flush are the full run's (the flush pads with silence).
  const end = final ? offsets.length - 1 : to - runFirst;
  if (!final && end > run.emittedFrames) {
    throw new AppError(
      ErrorCode.INTERNAL,
      `join encode made ${run.emittedFrames} frames before its flush, needed ${end}`,
      false,
    );
  }
  return looseFrames(run.frames, from - runFirst, end, offsets);
}

async function collectFrames(layout: Layout, source: RecordingPcm): Promise<LooseFrame[]> {
  const out: LooseFrame[] = [];
  // A loop, not push(...frames): a long recording has more frames than a call may take arguments.
  const append = (frames: readonly LooseFrame[]): void => {
    for (const frame of frames) out.push(frame);
  };
  let cursor = 0;
  for (let index = 0; index < layout.pieces.length; index++) {
    const body = bodyOf(layout, index);
    const from = Math.max(body.from, cursor);
    if (from >= body.to) continue; // too short to have frames of its own: the join around it covers it
    if (from > cursor) append(await encodeJoin(layout, source, cursor, from, false));
    append(pieceFrames(layout, index, from, body.to));
    cursor = body.to;
  }
  const lastIndex = layout.pieces.length - 1;
  const last = bodyOf(layout, lastIndex);
  if (cursor === last.to && last.from < last.to) {
    // The last segment's own flush frames end the file, exactly as the full run's would.
    const piece = pieceOf(layout.pieces, lastIndex);
    append(pieceFrames(layout, lastIndex, piece.firstFrame + piece.emittedFrames));
  } else {
    append(await encodeJoin(layout, source, cursor, Number.POSITIVE_INFINITY, true));
  }
  return out;
}

/**
 * The full recording as one gapless MP3 from the segments' chain pieces in seq order (serialised Buffers
 * or ChainPiece objects; null/undefined for a missing piece). `loadPcm(index)` is called only for
 * segments that must be rebuilt (see AssembledMp3.rebuilt / pcmLoads).
 */
export async function assembleFull(
  inputs: readonly PieceInput[],
  loadPcm: SegmentPcmLoader,
): Promise<AssembledMp3> {
  if (inputs.length === 0)
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'a recording needs at least one segment');
  const { pieces, starts, rebuilt } = await resolvePieces(inputs, loadPcm);
  const { sampleRate, channels } = pieceOf(pieces, 0);
  const geometry = gridGeometry(sampleRate);
  const totalSamples = starts[starts.length - 1]! + pieces[pieces.length - 1]!.sampleCount;
  const layout: Layout = {
    pieces,
    starts,
    geometry,
    totalSamples,
    offsets: pieces.map((piece) => frameOffsets(piece.frames)),
  };
  const source = new RecordingPcm(pieces, starts, loadPcm);
  const collected = await collectFrames(layout, source);
  const { frames, widened } = packFrames(collected);
  const frameCount = collected.length; // packing keeps every frame
  const mp3 = taggedMp3({
    frames,
    frameSize: geometry.frameSize,
    delay: ENCODER_DELAY,
    sampleCount: totalSamples,
  });
  return {
    mp3,
    sampleRate,
    channels,
    sampleCount: totalSamples,
    durationMs: Math.round((totalSamples * 1000) / sampleRate),
    frameCount,
    widenedFrames: widened,
    rebuilt,
    pcmLoads: [...new Set([...rebuilt, ...source.loads])],
  };
}
