/**
 * PCM → MP3 with LAME (see lame.ts), fed in fixed-size chunks so the encoder's working memory stays the
 * same for a 10-second or a 10-minute segment.
 *
 * LAME hands back bytes as its bit writer completes them, not whole frames; a run is only cut into
 * frames once it is flushed. Frames encoded before the flush depend only on audio the encoder had seen
 * (`framesBeforeFlush` in grid.ts counts them); the flush pads the tail with silence.
 */
import { lameEncoder, writeFloatPlanes, type CbrKbps, type LameEncoder, type LameSampleRate } from './lame';
import { frameCount, type PcmAudio } from './pcm';
import { mp3FrameSamples, speechBitrateKbps } from './format';
import { framesBeforeFlush } from './grid';
import { frameByteLength } from './mp3-frames';

/** Sample frames handed to LAME per call: big enough to amortise call overhead, small enough to stay bounded. */
export const ENCODE_CHUNK_FRAMES = 16384;

export interface EncodeOptions {
  /** Silent sample frames encoded before the audio (used to line a segment up with a frame grid). */
  leadingSilence?: number;
  /** Sample frames per encoder call; defaults to ENCODE_CHUNK_FRAMES. */
  chunkFrames?: number;
}

/** Encoder output gathered in one buffer sized for CBR up front: no list of pieces, no final concat. */
class OutputBuffer {
  private buffer: Buffer;
  length = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(expectedBytes);
  }

  /** Copies the bytes: LAME's output view is reused by its next call. */
  push(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.ceil((this.length + bytes.length) * 1.25));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Upper bound of the MP3 size: frames for the audio + delay + flush, each padded. */
function expectedBytes(audio: PcmAudio, extraFrames: number): number {
  const frameSize = mp3FrameSamples(audio.sampleRate);
  const frames = Math.ceil((frameCount(audio) + extraFrames) / frameSize) + 4;
  return (
    frames * frameByteLength(audio.sampleRate, speechBitrateKbps(audio.sampleRate, audio.channels), true)
  );
}

/** Feeds interleaved 16-bit PCM as float planes, through reusable chunk-sized buffers. */
class PlanarFeeder {
  private readonly planes: Float32Array[];

  constructor(
    private readonly encoder: LameEncoder,
    private readonly channels: 1 | 2,
    private readonly chunk: number,
    private readonly out: OutputBuffer,
  ) {
    this.planes = Array.from({ length: channels }, () => new Float32Array(chunk));
  }

  feed(samples: Int16Array): void {
    const frames = samples.length / this.channels;
    for (let start = 0; start < frames; start += this.chunk) {
      const count = Math.min(this.chunk, frames - start);
      writeFloatPlanes(samples, this.planes, start, count);
      this.out.push(this.encoder.encode(this.planes.map((plane) => plane.subarray(0, count))));
    }
  }
}

export interface EncodedRun {
  /** The whole run, flushed: a valid MP3 stream of CBR frames (no tag frame). */
  frames: Buffer;
  /** How many of those frames LAME encoded before the flush (the rest hold the padded tail). */
  emittedFrames: number;
}

/** One LAME run over the audio (after `leadingSilence` silent sample frames), flushed at the end. */
export async function encodeMp3Run(audio: PcmAudio, options: EncodeOptions = {}): Promise<EncodedRun> {
  const encoder = await lameEncoder();
  // From here to finalize() nothing awaits, so no other run can reconfigure the shared encoder.
  encoder.configure({
    sampleRate: audio.sampleRate,
    channels: audio.channels,
    bitrate: speechBitrateKbps(audio.sampleRate, audio.channels) as CbrKbps,
    outputSampleRate: audio.sampleRate as LameSampleRate, // never resample: it would move the frame grid
  });
  const silence = options.leadingSilence ?? 0;
  const frameSize = mp3FrameSamples(audio.sampleRate);
  const out = new OutputBuffer(expectedBytes(audio, silence + 2 * frameSize));
  const feeder = new PlanarFeeder(encoder, audio.channels, options.chunkFrames ?? ENCODE_CHUNK_FRAMES, out);
  if (silence > 0) feeder.feed(new Int16Array(silence * audio.channels));
  if (frameCount(audio) > 0) feeder.feed(audio.samples);
  out.push(encoder.finalize());
  return {
    frames: out.bytes(),
    emittedFrames: framesBeforeFlush(silence + frameCount(audio), frameSize),
  };
}

/** Encodes the audio as CBR MP3 frames (no tag frame) at the speech bitrate for its format. */
export async function encodeMp3(audio: PcmAudio, options: EncodeOptions = {}): Promise<Buffer> {
  return (await encodeMp3Run(audio, options)).frames;
}
