import { spawn } from 'node:child_process';
import { AppError, ErrorCode } from '../../typings/errors';
import type { RecorderFormat, ResolvedStartOptions } from './recorder-options';
import {
  newLameEncoder,
  writeFloatPlanes,
  type CbrKbps,
  type LameEncoder,
  type LameSampleRate,
} from '../../pipeline/audio/lame';

const CBR_KBPS: readonly CbrKbps[] = [8, 16, 24, 32, 40, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

/** LAME's own rule for a bitrate off its table: the nearest one on it. */
function nearestCbr(bitsPerSecond: number): CbrKbps {
  const kbps = bitsPerSecond / 1000;
  return CBR_KBPS.reduce((best, k) => (Math.abs(k - kbps) < Math.abs(best - kbps) ? k : best));
}
import { encodeWav } from '../../pipeline/audio/wav';
import { int16ToBytes } from './wav-file';

/** Turns captured PCM into the requested format: `write` gives the streamed bytes (frames), `end` the file. */
export interface RecordingEncoder {
  readonly ext: string;
  write(pcm: Int16Array): Buffer;
  end(): Promise<{ tail: Buffer; file: Buffer }>;
}

class PcmEncoder implements RecordingEncoder {
  readonly ext: string = 'pcm';
  private readonly chunks: Buffer[] = [];

  write(pcm: Int16Array): Buffer {
    const bytes = int16ToBytes(pcm);
    this.chunks.push(bytes);
    return bytes;
  }

  async end(): Promise<{ tail: Buffer; file: Buffer }> {
    return { tail: Buffer.alloc(0), file: Buffer.concat(this.chunks) };
  }
}

class WavEncoder extends PcmEncoder {
  override readonly ext: string = 'wav';

  constructor(private readonly options: ResolvedStartOptions) {
    super();
  }

  override async end() {
    const { file } = await super.end();
    const samples = new Int16Array(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    const wav = encodeWav({
      sampleRate: this.options.sampleRate,
      channels: this.options.numberOfChannels,
      samples,
    });
    return { tail: Buffer.alloc(0), file: wav };
  }
}

function floatPlanes(pcm: Int16Array, channels: number): Float32Array[] {
  const frames = pcm.length / channels;
  const planes = Array.from({ length: channels }, () => new Float32Array(frames));
  writeFloatPlanes(pcm, planes, 0, frames);
  return planes;
}

/**
 * MP3 frames as they are captured, from an encoder of its own. The WASM encoder loads asynchronously
 * (well within the recorder's start delay); audio captured before it is ready waits and goes in first.
 */
class Mp3StreamEncoder implements RecordingEncoder {
  readonly ext = 'mp3';
  private encoder: LameEncoder | undefined;
  private readonly ready: Promise<LameEncoder>;
  private pending: Int16Array[] = [];
  private readonly chunks: Buffer[] = [];

  constructor(private readonly options: ResolvedStartOptions) {
    this.ready = newLameEncoder().then((encoder) => {
      encoder.configure({
        sampleRate: options.sampleRate,
        channels: options.numberOfChannels,
        bitrate: nearestCbr(options.encodeBitRate),
        outputSampleRate: options.sampleRate as LameSampleRate,
      });
      this.encoder = encoder;
      return encoder;
    });
  }

  write(pcm: Int16Array): Buffer {
    if (!this.encoder) {
      this.pending.push(pcm);
      return Buffer.alloc(0);
    }
    return this.encode(this.encoder, pcm);
  }

  private encode(encoder: LameEncoder, pcm: Int16Array): Buffer {
    const waiting = this.pending;
    this.pending = [];
    const parts = [...waiting, pcm].map((samples) =>
      Buffer.from(encoder.encode(floatPlanes(samples, this.options.numberOfChannels))),
    );
    const bytes = Buffer.concat(parts);
    this.chunks.push(bytes);
    return bytes;
  }

  async end() {
    const encoder = await this.ready;
    const rest = this.encode(encoder, new Int16Array(0));
    const tail = Buffer.concat([rest, Buffer.from(encoder.finalize())]);
    this.chunks.push(tail.subarray(rest.length));
    return { tail, file: Buffer.concat(this.chunks) };
  }
}

/** AAC (ADTS) through the ffmpeg binary at stop; aac delivers no frames, so nothing streams. */
class AacEncoder extends PcmEncoder {
  override readonly ext: string = 'aac';

  constructor(private readonly options: ResolvedStartOptions) {
    super();
  }

  override async end() {
    const { file: pcm } = await super.end();
    const { sampleRate, numberOfChannels, encodeBitRate } = this.options;
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      's16le',
      '-ar',
      `${sampleRate}`,
      '-ac',
      `${numberOfChannels}`,
    ];
    args.push('-i', 'pipe:0', '-c:a', 'aac', '-b:a', `${encodeBitRate}`, '-f', 'adts', 'pipe:1');
    return { tail: Buffer.alloc(0), file: await runFfmpeg(args, pcm) };
  }
}

function runFfmpeg(args: string[], input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) =>
      reject(new AppError(ErrorCode.INTERNAL, `ffmpeg could not start: ${e.message}`)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(
            new AppError(ErrorCode.INTERNAL, `ffmpeg aac encode failed: ${Buffer.concat(err).toString()}`),
          ),
    );
    child.stdin.end(input);
  });
}

const ENCODERS: Record<RecorderFormat, (o: ResolvedStartOptions) => RecordingEncoder> = {
  PCM: () => new PcmEncoder(),
  wav: (o) => new WavEncoder(o),
  mp3: (o) => new Mp3StreamEncoder(o),
  aac: (o) => new AacEncoder(o),
};

export function createRecordingEncoder(options: ResolvedStartOptions): RecordingEncoder {
  return ENCODERS[options.format](options);
}
