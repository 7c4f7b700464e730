/**
 * Audio section of `npm run bench` (issue 3, item 6 a and b, plus the pure half of c):
 * - encode speed × real time (LAME 3.100 in WASM, pipeline/audio/lame.ts) for 60 s 16 kHz mono, 10 min
 *   16 kHz mono and 60 s 44.1 kHz mono speech, and the ratio to native `lame` (same input, same bitrate,
 *   quality and output rate) in the same run;
 * - peak RSS of a child process (an esbuild bundle, as a cloud function runs) that parses and encodes a
 *   10-minute 16 kHz segment;
 * - prepareSegment (ingest) for a 60 s segment, and assembleFull (gapless full MP3 from chain pieces,
 *   no I/O) for 1, 5 and 10 segments of 60 s.
 *
 * Speeds are audio time / CPU time of the encoder (WASM: this process's user + system time around the
 * encode, which runs without yielding; lame: the child's, from bash's `time`). The machine is shared, and under load wall
 * time measures the neighbours more than the encoder; wall times are in the notes with the load average.
 *
 * Run alone: `npm run bench audio`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { assembleFull, prepareSegment } from '../../pipeline/audio/gapless';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { speechBitrateKbps } from '../../pipeline/audio/format';
import { encodeWav } from '../../pipeline/audio/wav';
import { frameCount, sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { speechOfLength } from '../../simulator/speech';
import { bundleEntry } from '../../harness/bundle-entry';
import { median, type BenchRow, type BenchSection } from '../types';

const SECTION = 'audio';
const LAME = '/usr/bin/lame';

interface EncodeCase {
  label: string;
  seconds: number;
  sampleRate: number;
  runs: number;
}

const CASES: EncodeCase[] = [
  { label: '60 s 16 kHz mono', seconds: 60, sampleRate: 16000, runs: 3 },
  { label: '10 min 16 kHz mono', seconds: 600, sampleRate: 16000, runs: 1 },
  { label: '60 s 44.1 kHz mono', seconds: 60, sampleRate: 44100, runs: 3 },
];

interface Timing {
  cpuMs: number;
  wallMs: number;
}

async function timeEncode(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start };
}

function medianTiming(runs: Timing[]): Timing {
  return { cpuMs: median(runs.map((r) => r.cpuMs)), wallMs: median(runs.map((r) => r.wallMs)) };
}

/** One native lame run, CPU time from bash's `time` (user + system of the lame process). */
function lameOnce(args: string[]): Timing {
  const start = performance.now();
  const script = 'TIMEFORMAT="%3U %3S"; { time "$0" "$@" ; } 2>&1';
  const [user, system] = execFileSync('bash', ['-c', script, LAME, ...args], { encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map(Number);
  return { cpuMs: (user + system) * 1000, wallMs: performance.now() - start };
}

function nativeLame(wavFile: string, audio: PcmAudio, runs: number): Timing | undefined {
  if (!existsSync(LAME)) return undefined;
  const kbps = String(speechBitrateKbps(audio.sampleRate, audio.channels));
  const resample = String(audio.sampleRate / 1000);
  const args = [
    '--quiet',
    '-q',
    '3',
    '--cbr',
    '-b',
    kbps,
    '-m',
    'm',
    '--resample',
    resample,
    wavFile,
    `${wavFile}.mp3`,
  ];
  return medianTiming(Array.from({ length: runs }, () => lameOnce(args)));
}

function load(): string {
  return `load ${loadavg()[0].toFixed(1)}`;
}

function lameRatioRow(c: EncodeCase, wasm: Timing, lame: Timing | undefined): BenchRow {
  const metric = `WASM LAME / native lame ${c.label}`;
  if (!lame)
    return { section: SECTION, metric, value: NaN, unit: 'ratio', target: '≤ 4', note: 'lame not installed' };
  const ratio = wasm.cpuMs / lame.cpuMs;
  const note = `lame CPU ${lame.cpuMs.toFixed(0)} ms (${((c.seconds * 1000) / lame.cpuMs).toFixed(0)}×), wall ratio ${(wasm.wallMs / lame.wallMs).toFixed(2)}`;
  return { section: SECTION, metric, value: ratio, unit: 'ratio', target: '≤ 4', pass: ratio <= 4, note };
}

async function encodeRows(dir: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const audio = await speechOfLength(c.seconds, c.sampleRate, 1);
    const wavFile = path.join(dir, `speech-${c.sampleRate}-${c.seconds}.wav`);
    writeFileSync(wavFile, encodeWav(audio));
    await encodeMp3(sliceFrames(audio, 0, c.sampleRate * 5)); // load the WASM module and warm up
    const timings: Timing[] = [];
    for (let run = 0; run < c.runs; run++) timings.push(await timeEncode(() => encodeMp3(audio)));
    const wasm = medianTiming(timings);
    const speed = (c.seconds * 1000) / wasm.cpuMs;
    const target = c.sampleRate === 16000 ? '≥ 90' : undefined;
    const note = `CPU ${wasm.cpuMs.toFixed(0)} ms, wall ${wasm.wallMs.toFixed(0)} ms, ${load()}`;
    rows.push({
      section: SECTION,
      metric: `encode ${c.label}`,
      value: speed,
      unit: '× real time',
      target,
      pass: target ? speed >= 90 : undefined,
      note,
    });
    rows.push(lameRatioRow(c, wasm, nativeLame(wavFile, audio, c.runs)));
  }
  return rows;
}

/** A plain-node bundle that parses one WAV, encodes it and prints its own peak RSS. */
function bundleRssChild(dir: string): string {
  const contents = [
    "import { readFileSync } from 'node:fs';",
    "import { parseWav } from './pipeline/audio/wav';",
    "import { encodeMp3 } from './pipeline/audio/mp3';",
    'const beforeMb = process.memoryUsage().rss / 1e6;',
    'void encodeMp3(parseWav(readFileSync(process.argv[2]))).then((mp3) => {',
    '  const peakMb = (process.resourceUsage().maxRSS * 1024) / 1e6;',
    '  console.log(JSON.stringify({ peakMb, beforeMb, mp3Bytes: mp3.length }));',
    '});',
  ].join('\n');
  return bundleEntry(contents, path.join(dir, 'rss-child.js'));
}

function rssRow(dir: string): BenchRow {
  const child = spawnSync(process.execPath, [bundleRssChild(dir), path.join(dir, 'speech-16000-600.wav')], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`RSS child failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim()) as { peakMb: number; beforeMb: number };
  return {
    section: SECTION,
    metric: 'peak RSS encoding 10 min 16 kHz mono',
    value: result.peakMb,
    unit: 'MB',
    target: '≤ 150',
    pass: result.peakMb <= 150,
    note: `bundled child process; ${result.beforeMb.toFixed(0)} MB at start (19.2 MB WAV read, then parsed)`,
  };
}

/** prepareSegment (ingest's audio work) for ten 60 s segments, then assembleFull over the first 1, 5 and 10. */
async function chainRows(): Promise<BenchRow[]> {
  const minute = await speechOfLength(60, 16000, 1);
  const prepared: Array<{ pieceBytes: Buffer; ms: number }> = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    const { pieceBytes } = await prepareSegment(minute, i * frameCount(minute));
    prepared.push({ pieceBytes, ms: performance.now() - start });
  }
  const rows: BenchRow[] = [
    {
      section: SECTION,
      metric: 'prepareSegment 60 s 16 kHz mono (ingest audio work)',
      value: median(prepared.map((p) => p.ms)),
      unit: 'ms',
      note: `median of 10; part of ingestSegment ≤ 1.5 s; ${load()}`,
    },
  ];
  for (const count of [1, 5, 10]) {
    const pieces = prepared.slice(0, count).map((p) => p.pieceBytes);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      await assembleFull(pieces, () => Promise.reject(new Error('in-order assembly loads no PCM')));
      times.push(performance.now() - start);
    }
    const metric = `assembleFull ${count} × 60 s 16 kHz (pure, no I/O)`;
    rows.push({
      section: SECTION,
      metric,
      value: median(times),
      unit: 'ms',
      note: `part of finalizeRecording ≤ 1.5 s; ${load()}`,
    });
  }
  return rows;
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'dr-bench-audio-'));
    try {
      const rows = await encodeRows(dir);
      rows.push(rssRow(dir));
      rows.push(...(await chainRows()));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default section;
