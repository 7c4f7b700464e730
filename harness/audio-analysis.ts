/**
 * Checks on encoded audio for tests and benchmarks: decode MP3 with ffmpeg (which honours the LAME
 * gapless tag: encoder delay and padding are trimmed), find where decoded audio lines up with its source
 * by cross-correlation, and measure the gap at joins between segments.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PcmAudio } from '../pipeline/audio/pcm';

/** Runs the tool on `input`; with `quiet`, anything it prints on stderr (at `-v error`) is a failure too. */
function runWithInput(command: string, args: string[], input: Uint8Array, quiet = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const complaint = Buffer.concat(err).toString().trim();
      if (code === 0 && !(quiet && complaint)) resolve(Buffer.concat(out));
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
 * reads from a file, not a pipe: it trims the tag's end padding only on seekable input. Any error the
 * decoder reports (a frame whose main data it cannot find, a damaged frame) fails the decode.
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
      true,
    );
    const samples = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    return { sampleRate, channels, samples };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Duration of the decoded audio in milliseconds (exact for tagged MP3s). */
export async function mp3DurationMs(mp3: Uint8Array): Promise<number> {
  const decoded = await decodeMp3(mp3);
  return (decoded.samples.length / decoded.channels / decoded.sampleRate) * 1000;
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

/**
 * Lag of the decoded audio against its source (e.g. the encoder delay of an untagged MP3), from a window
 * of `windowMs` in the middle of the source (where speech is) rather than all of it, which would cost
 * length × lags multiplications.
 */
export function alignmentOffset(
  decoded: PcmAudio,
  source: PcmAudio,
  maxLag = 4096,
  windowMs = 1000,
): Alignment {
  const d = monoFloat(decoded);
  const s = monoFloat(source);
  const length = Math.min(s.length, Math.round((windowMs * source.sampleRate) / 1000));
  const start = Math.max(0, Math.floor((s.length - length) / 2));
  return alignWindow(d, s, start, length, maxLag);
}

export interface JoinGap {
  /** Join position in source sample frames. */
  at: number;
  lagBefore: Alignment;
  lagAfter: Alignment;
  /** Samples inserted (positive) or lost (negative) at the join, in milliseconds; 0 for a gapless join. */
  gapMs: number;
  /** Both windows found their match clearly (correlation ≥ 0.8); a gap read in silence means nothing. */
  reliable: boolean;
}

function meanSquare(mono: Float64Array, start: number, end: number): number {
  let sum = 0;
  for (let i = Math.max(0, start); i < Math.min(mono.length, end); i++) sum += mono[i] * mono[i];
  return sum / Math.max(1, end - start);
}

type Window = { start: number; length: number };

/**
 * A window of at least `length` frames ending (direction -1) or starting (+1) at `at`, doubled while it
 * holds less than `level` mean-square energy (a pause between words) and is under one second.
 */
function speechWindow(
  mono: Float64Array,
  at: number,
  direction: 1 | -1,
  length: number,
  level: number,
  sampleRate: number,
): Window {
  const bounds = (n: number): Window =>
    direction === 1
      ? { start: at, length: Math.min(n, mono.length - at) }
      : { start: Math.max(0, at - n), length: Math.min(n, at) };
  let size = length;
  let window = bounds(size);
  while (size < sampleRate && meanSquare(mono, window.start, window.start + window.length) < level) {
    size *= 2;
    window = bounds(size);
  }
  return window;
}

/**
 * The gap at each join: aligns a stretch of speech just before and just after the join separately; a
 * join that inserts silence or drops audio shifts the alignment after it by that many samples.
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
  const rate = source.sampleRate;
  const window = Math.round((windowMs * rate) / 1000);
  const maxLag = Math.round((maxLagMs * rate) / 1000);
  const level = 0.05 * meanSquare(s, 0, s.length);
  return joins.map((at) => {
    const before = speechWindow(s, at, -1, window, level, rate);
    const after = speechWindow(s, at, 1, window, level, rate);
    const lagBefore = alignWindow(d, s, before.start, before.length, maxLag);
    const lagAfter = alignWindow(d, s, after.start, after.length, maxLag);
    const reliable = lagBefore.correlation >= 0.8 && lagAfter.correlation >= 0.8;
    return { at, lagBefore, lagAfter, gapMs: ((lagAfter.lag - lagBefore.lag) * 1000) / rate, reliable };
  });
}

/** Root-mean-square level of source frames [start, end), to make sure a window holds speech. */
export function rms(audio: PcmAudio, start: number, end: number): number {
  let sum = 0;
  const channels = audio.channels;
  const from = Math.max(0, start);
  const to = Math.min(Math.floor(audio.samples.length / channels), end);
  for (let i = from; i < to; i++) {
    let frame = 0;
    for (let c = 0; c < channels; c++) frame += audio.samples[i * channels + c];
    sum += (frame / channels) ** 2;
  }
  return Math.sqrt(sum / Math.max(1, to - from));
}
