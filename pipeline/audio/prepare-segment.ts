/** Ingest side of the gapless chain (see gapless.ts): one segment → standalone MP3 + chain piece. */
import { AppError, ErrorCode } from '../../typings/errors';
import { serializeChainPiece, type ChainPiece } from './chain-piece';
import { isSupportedSampleRate } from './format';
import { ENCODER_DELAY, gridGeometry, gridStart } from './grid';
import { encodeMp3Run } from './mp3';
import { durationMs, frameCount, type PcmAudio } from './pcm';
import { taggedMp3 } from './tagged-mp3';

export interface PreparedSegment {
  /** The segment alone as a tagged MP3, for playback before (or without) the full recording. */
  standaloneMp3: Buffer;
  /** The chain piece, and the same serialised for storage. */
  piece: ChainPiece;
  pieceBytes: Buffer;
  sampleCount: number;
  durationMs: number;
}

function checkAudio(audio: PcmAudio): void {
  if (!isSupportedSampleRate(audio.sampleRate) || (audio.channels !== 1 && audio.channels !== 2)) {
    throw new AppError(
      ErrorCode.BAD_AUDIO,
      `cannot encode ${audio.channels} channel(s) at ${audio.sampleRate} Hz`,
    );
  }
  if (frameCount(audio) === 0) throw new AppError(ErrorCode.BAD_AUDIO, 'segment has no audio samples');
}

function edges(audio: PcmAudio, edgeSamples: number): { head: Int16Array; tail: Int16Array } {
  const samples = audio.samples;
  const edge = edgeSamples * audio.channels;
  if (samples.length <= 2 * edge) return { head: samples.slice(), tail: new Int16Array(0) };
  return { head: samples.slice(0, edge), tail: samples.slice(samples.length - edge) };
}

/**
 * Encodes one segment. With `startSample` (its first sample's position in the recording) the chain piece
 * is ready for `assembleFull`; without it only the edges are kept and finalize re-encodes this segment.
 */
export async function prepareSegment(audio: PcmAudio, startSample?: number): Promise<PreparedSegment> {
  checkAudio(audio);
  if (startSample !== undefined && !(Number.isInteger(startSample) && startSample >= 0)) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `startSample must be a non-negative integer, got ${startSample}`,
    );
  }
  const geometry = gridGeometry(audio.sampleRate);
  const grid = gridStart(startSample ?? 0, geometry.frameSize);
  const run = await encodeMp3Run(audio, { leadingSilence: grid.leadingSilence });
  const frames = run.frames;
  const sampleCount = frameCount(audio);
  const standaloneMp3 = taggedMp3({
    frames,
    frameSize: geometry.frameSize,
    delay: ENCODER_DELAY + grid.leadingSilence,
    sampleCount,
  });
  const piece: ChainPiece = {
    sampleRate: audio.sampleRate,
    channels: audio.channels,
    sampleCount,
    startSample: startSample ?? null,
    firstFrame: grid.firstFrame,
    emittedFrames: run.emittedFrames,
    frames: startSample === undefined ? Buffer.alloc(0) : frames,
    ...edges(audio, geometry.edgeSamples),
  };
  return {
    standaloneMp3,
    piece,
    pieceBytes: serializeChainPiece(piece),
    sampleCount,
    durationMs: durationMs(audio),
  };
}
