import { spawn } from 'node:child_process';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { RecorderFormat, ResolvedStartOptions } from './recorder-options';
import { lameEncoderConstructor, type LameEncoder } from '../../../pipeline/audio/lame';
import { encodeWav } from '../../../pipeline/audio/wav';
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

function splitChannels(pcm: Int16Array): [Int16Array, Int16Array] {
  const left = new Int16Array(pcm.length / 2);
  const right = new Int16Array(pcm.length / 2);
  for (let i = 0; i < left.length; i += 1) {
    left[i] = pcm[2 * i];
    right[i] = pcm[2 * i + 1];
  }
  return [left, right];
}

class Mp3StreamEncoder implements RecordingEncoder {
  readonly ext = 'mp3';
  private readonly encoder: LameEncoder;
  private readonly chunks: Buffer[] = [];

  constructor(private readonly options: ResolvedStartOptions) {
    const Mp3Encoder = lameEncoderConstructor();
    this.encoder = new Mp3Encoder(options.numberOfChannels, options.sampleRate, options.encodeBitRate / 1000);
  }

  write(pcm: Int16Array): Buffer {
    const out =
      this.options.numberOfChannels === 2
        ? this.encoder.encodeBuffer(...splitChannels(pcm))
        : this.encoder.encodeBuffer(pcm);
    const bytes = Buffer.from(out);
    this.chunks.push(bytes);
    return bytes;
  }

  async end() {
    const tail = Buffer.from(this.encoder.flush());
    this.chunks.push(tail);
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
