/**
 * Audio of the whole recording by global sample position, served from the edges stored in chain pieces
 * and, only for stretches no edge covers, from the segment's full PCM through the loader.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import { pieceEdges, type ChainPiece } from './chain-piece';
import { frameCount, type PcmAudio } from './pcm';

export type SegmentPcmLoader = (index: number) => Promise<PcmAudio>;

interface Span {
  start: number;
  audio: PcmAudio;
}

export class RecordingPcm {
  private readonly loaded = new Map<number, PcmAudio>();
  /** Indexes of segments whose full PCM had to be loaded. */
  readonly loads: number[] = [];

  constructor(
    private readonly pieces: ChainPiece[],
    private readonly starts: number[],
    private readonly loader: SegmentPcmLoader,
  ) {}

  /** Sample frames [from, to) of the recording, interleaved. */
  async read(from: number, to: number): Promise<Int16Array> {
    const channels = this.pieces[0]!.channels;
    const out = new Int16Array((to - from) * channels);
    for (let index = 0; index < this.pieces.length; index++) {
      const segStart = this.starts[index]!;
      const segEnd = segStart + this.pieces[index]!.sampleCount;
      if (segEnd <= from || segStart >= to) continue;
      const span = await this.spanCovering(index, Math.max(from, segStart), Math.min(to, segEnd));
      copyInto(out, from, span, Math.max(from, segStart), Math.min(to, segEnd));
    }
    return out;
  }

  /** A stored edge holding [from, to) of segment `index`, else the segment's loaded PCM. */
  private async spanCovering(index: number, from: number, to: number): Promise<Span> {
    const edge = pieceEdges(this.pieces[index]!, this.starts[index]!).find(
      (span) => span.start <= from && span.start + frameCount(span.audio) >= to,
    );
    return edge ?? { start: this.starts[index]!, audio: await this.load(index) };
  }

  async load(index: number): Promise<PcmAudio> {
    const cached = this.loaded.get(index);
    if (cached) return cached;
    const audio = await this.loader(index);
    if (frameCount(audio) !== this.pieces[index]!.sampleCount) {
      throw new AppError(
        ErrorCode.BAD_AUDIO,
        `segment ${index} now has ${frameCount(audio)} samples, its piece says ${this.pieces[index]!.sampleCount}`,
      );
    }
    this.loaded.set(index, audio);
    this.loads.push(index);
    return audio;
  }
}

function copyInto(out: Int16Array, outStart: number, span: Span, from: number, to: number): void {
  const channels = span.audio.channels;
  const source = span.audio.samples.subarray((from - span.start) * channels, (to - span.start) * channels);
  out.set(source, (from - outStart) * channels);
}
