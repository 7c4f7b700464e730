/**
 * PCM → MP3 with lamejs, fed in fixed-size chunks so the encoder's working memory stays the same for a
 * 10-second or a 10-minute segment (lamejs sizes its output buffer to the largest chunk it was given).
 *
 * lamejs's Mp3Encoder runs CBR with the bit reservoir disabled, so every frame carries all of its own
 * data: frames from different encoder runs over the same audio can be spliced at frame boundaries.
 */
import { lameEncoderConstructor, type LameEncoder } from './lame';
import { frameCount, type PcmAudio } from './pcm';
import { speechBitrateKbps } from './format';

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

function toBuffer(bytes: Int8Array | Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Feeds interleaved stereo through reusable left/right buffers, chunk by chunk. */
function encodeStereo(encoder: LameEncoder, samples: Int16Array, chunk: number, out: Buffer[]): void {
  const left = new Int16Array(chunk);
  const right = new Int16Array(chunk);
  const frames = samples.length >> 1;
  for (let start = 0; start < frames; start += chunk) {
    const count = Math.min(chunk, frames - start);
    for (let i = 0, j = start * 2; i < count; i++, j += 2) {
      left[i] = samples[j];
      right[i] = samples[j + 1];
    }
    out.push(toBuffer(encoder.encodeBuffer(left.subarray(0, count), right.subarray(0, count))));
  }
}

function encodeMono(encoder: LameEncoder, samples: Int16Array, chunk: number, out: Buffer[]): void {
  for (let start = 0; start < samples.length; start += chunk) {
    out.push(toBuffer(encoder.encodeBuffer(samples.subarray(start, start + chunk))));
  }
}

export interface EncodedRun {
  /** Frames lamejs emitted while fed: each depends only on audio it had already seen. */
  emitted: Buffer;
  /** Frames from the final flush (the audio's last samples padded with silence); empty without flush. */
  flushed: Buffer;
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
  const out: Buffer[] = [];
  const silence = options.leadingSilence ?? 0;
  if (silence > 0) feed(encoder, new Int16Array(silence * audio.channels), chunk, out);
  if (frameCount(audio) > 0) feed(encoder, audio.samples, chunk, out);
  const flushed = (options.flush ?? true) ? toBuffer(encoder.flush()) : Buffer.alloc(0);
  return { emitted: Buffer.concat(out), flushed };
}

/** Encodes the audio as CBR MP3 frames (no tag frame) at the speech bitrate for its format. */
export function encodeMp3(audio: PcmAudio, options: EncodeOptions = {}): Buffer {
  const run = encodeMp3Run(audio, options);
  return Buffer.concat([run.emitted, run.flushed]);
}
