/**
 * PCM → MP3 with lamejs, fed in fixed-size chunks so the encoder's working memory stays the same for a
 * 10-second or a 10-minute segment (lamejs sizes its output buffer to the largest chunk it was given).
 *
 * lamejs's Mp3Encoder runs CBR with the bit reservoir disabled, so every frame carries all of its own
 * data: frames from different encoder runs over the same audio can be spliced at frame boundaries.
 */
import { lameEncoderConstructor, type LameEncoder } from './lame';
import { frameCount, type PcmAudio } from './pcm';
import { mp3FrameSamples, speechBitrateKbps } from './format';
import { frameByteLength } from './mp3-frames';

/** Sample frames handed to lamejs per call: big enough to amortise call overhead, small enough to stay bounded. */
export const ENCODE_CHUNK_FRAMES = 16384;

export interface EncodeOptions {
  /** Silent sample frames encoded before the audio (used to line a segment up with a frame grid). */
  leadingSilence?: number;
  /** Whether to flush the encoder at the end (the last frames holding the audio's tail). Default true. */
  flush?: boolean;
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

  push(bytes: Int8Array | Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.ceil((this.length + bytes.length) * 1.25));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  bytes(from: number, to: number): Buffer {
    return this.buffer.subarray(from, to);
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

/** Feeds interleaved stereo through reusable left/right buffers, chunk by chunk. */
function encodeStereo(encoder: LameEncoder, samples: Int16Array, chunk: number, out: OutputBuffer): void {
  const left = new Int16Array(chunk);
  const right = new Int16Array(chunk);
  const frames = samples.length >> 1;
  for (let start = 0; start < frames; start += chunk) {
    const count = Math.min(chunk, frames - start);
    for (let i = 0, j = start * 2; i < count; i++, j += 2) {
      left[i] = samples[j];
      right[i] = samples[j + 1];
    }
    out.push(encoder.encodeBuffer(left.subarray(0, count), right.subarray(0, count)));
  }
}

function encodeMono(encoder: LameEncoder, samples: Int16Array, chunk: number, out: OutputBuffer): void {
  for (let start = 0; start < samples.length; start += chunk) {
    out.push(encoder.encodeBuffer(samples.subarray(start, start + chunk)));
  }
}

export interface EncodedRun {
  /** Frames lamejs emitted while fed: each depends only on audio it had already seen. */
  emitted: Buffer;
  /** Frames from the final flush (the audio's last samples padded with silence); empty without flush. */
  flushed: Buffer;
  /** Both, back to back (same memory, no copy). */
  all: Buffer;
}

/** One lamejs run over the audio, keeping apart the frames emitted before and by the final flush. */
export function encodeMp3Run(audio: PcmAudio, options: EncodeOptions = {}): EncodedRun {
  const Encoder = lameEncoderConstructor();
  const encoder = new Encoder(
    audio.channels,
    audio.sampleRate,
    speechBitrateKbps(audio.sampleRate, audio.channels),
  );
  const chunk = options.chunkFrames ?? ENCODE_CHUNK_FRAMES;
  const feed = audio.channels === 2 ? encodeStereo : encodeMono;
  const silence = options.leadingSilence ?? 0;
  const out = new OutputBuffer(expectedBytes(audio, silence + 2 * mp3FrameSamples(audio.sampleRate)));
  if (silence > 0) feed(encoder, new Int16Array(silence * audio.channels), chunk, out);
  if (frameCount(audio) > 0) feed(encoder, audio.samples, chunk, out);
  const emittedLength = out.length;
  if (options.flush ?? true) out.push(encoder.flush());
  return {
    emitted: out.bytes(0, emittedLength),
    flushed: out.bytes(emittedLength, out.length),
    all: out.bytes(0, out.length),
  };
}

/** Encodes the audio as CBR MP3 frames (no tag frame) at the speech bitrate for its format. */
export function encodeMp3(audio: PcmAudio, options: EncodeOptions = {}): Buffer {
  return encodeMp3Run(audio, options).all;
}
