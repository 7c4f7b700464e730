/**
 * Checks on encoded audio for tests and benchmarks: decode MP3 with ffmpeg (which honours the LAME
 * gapless tag: encoder delay and padding are trimmed), find where decoded audio lines up with its source
 * by cross-correlation, and measure the gap at joins between segments.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PcmAudio } from '../../pipeline/audio/pcm';

function runWithInput(command: string, args: string[], input: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString().trim()}`));
    });
    // ffprobe may stop reading early; a closed pipe is not an error for us.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Sample rate and channel count of the MP3's audio stream, as ffprobe reports them. */
export async function probeMp3(mp3: Uint8Array): Promise<{ sampleRate: number; channels: 1 | 2 }> {
  const json = await runWithInput(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'stream=sample_rate,channels',
      '-of',
      'json',
      '-i',
      'pipe:0',
    ],
    mp3,
  );
  const stream = (
    JSON.parse(json.toString()) as { streams: Array<{ sample_rate: string; channels: number }> }
  ).streams[0];
  return { sampleRate: Number(stream.sample_rate), channels: stream.channels as 1 | 2 };
}

/**
 * Decodes an MP3 to PCM at its own rate and channel count (no resampling). With a LAME/Info tag the result
 * has exactly the encoded sample count; without one it starts with the encoder + decoder delay. ffmpeg
 * reads from a file, not a pipe: it trims the tag's end padding only on seekable input.
 */
export async function decodeMp3(mp3: Uint8Array): Promise<PcmAudio> {
  const { sampleRate, channels } = await probeMp3(mp3);
  const dir = await mkdtemp(path.join(tmpdir(), 'dr-decode-'));
  try {
    const file = path.join(dir, 'in.mp3');
    await writeFile(file, mp3);
    const raw = await runWithInput(
      'ffmpeg',
      ['-v', 'error', '-i', file, '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'],
      new Uint8Array(0),
    );
    const samples = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    return { sampleRate, channels, samples };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One channel (or the mean of both) as floats, for correlation. */
export function monoFloat(audio: PcmAudio): Float64Array {
  const frames = Math.floor(audio.samples.length / audio.channels);
  const out = new Float64Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < audio.channels; c++) sum += audio.samples[i * audio.channels + c];
    out[i] = sum / audio.channels;
  }
  return out;
}

export interface Alignment {
  /** decoded[i + lag] best matches source[i]: positive means the decoded audio is late. */
  lag: number;
  /** Normalised correlation at that lag (1 = identical shape). */
  correlation: number;
}

function correlationAt(
  decoded: Float64Array,
  source: Float64Array,
  start: number,
  length: number,
  lag: number,
): number {
  let dot = 0;
  let energyD = 0;
  let energyS = 0;
  for (let i = start; i < start + length; i++) {
    const d = decoded[i + lag] ?? 0;
    const s = source[i];
    dot += d * s;
    energyD += d * d;
    energyS += s * s;
  }
  return energyD > 0 && energyS > 0 ? dot / Math.sqrt(energyD * energyS) : 0;
}

/** Best lag in [-maxLag, maxLag] for source[start, start + length) against the decoded audio. */
export function alignWindow(
  decoded: Float64Array,
  source: Float64Array,
  start: number,
  length: number,
  maxLag: number,
): Alignment {
  let best: Alignment = { lag: 0, correlation: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    if (start + lag < 0) continue;
    const correlation = correlationAt(decoded, source, start, length, lag);
    if (correlation > best.correlation) best = { lag, correlation };
  }
  return best;
}

/** Lag of the whole decoded audio against its source (e.g. the encoder delay of an untagged MP3). */
export function alignmentOffset(decoded: PcmAudio, source: PcmAudio, maxLag = 4096): Alignment {
  const d = monoFloat(decoded);
  const s = monoFloat(source);
  const length = Math.min(s.length, Math.max(0, d.length - maxLag));
  return alignWindow(d, s, 0, length, maxLag);
}

export interface JoinGap {
  /** Join position in source sample frames. */
  at: number;
  lagBefore: Alignment;
  lagAfter: Alignment;
  /** Samples inserted (positive) or lost (negative) at the join, in milliseconds; 0 for a gapless join. */
  gapMs: number;
}

/**
 * The gap at each join: aligns a window just before and just after the join separately; a join that
 * inserts silence or drops audio shifts the alignment after it by that many samples.
 */
export function measureJoinGaps(
  decoded: PcmAudio,
  source: PcmAudio,
  joins: number[],
  windowMs = 150,
  maxLagMs = 150,
): JoinGap[] {
  const d = monoFloat(decoded);
  const s = monoFloat(source);
  const window = Math.round((windowMs * source.sampleRate) / 1000);
  const maxLag = Math.round((maxLagMs * source.sampleRate) / 1000);
  return joins.map((at) => {
    const lagBefore = alignWindow(d, s, Math.max(0, at - window), Math.min(window, at), maxLag);
    const lagAfter = alignWindow(d, s, at, Math.min(window, s.length - at), maxLag);
    return { at, lagBefore, lagAfter, gapMs: ((lagAfter.lag - lagBefore.lag) * 1000) / source.sampleRate };
  });
}

/** Root-mean-square level of source frames [start, end), to make sure a window holds speech. */
export function rms(audio: PcmAudio, start: number, end: number): number {
  const mono = monoFloat(audio);
  let sum = 0;
  for (let i = start; i < end; i++) sum += mono[i] * mono[i];
  return Math.sqrt(sum / Math.max(1, end - start));
}
