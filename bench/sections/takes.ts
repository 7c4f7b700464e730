/**
 * Issue 13: continuous takes of 10 s, 60 s, 5 min and 10 min on a 4G-like and a 3G-like uplink, with the
 * recorder's automatic cuts (at most 30 s, shorter where the measured uplink needs it) on and off: pause →
 * uploaded and pause → MP3 ready (p50, p95), the segments per take, and the
 * longest single ingest against the function timeout. Real parts: the recorder core over the real wx port
 * in the wx simulator, real speech looped for the whole take (never silence), the simulator's uplink
 * profiles (simulator/cloud/network-profile.ts), the emulator in its own process running the real
 * cloud functions.
 *
 * Pacing, honestly: the simulator's clock runs `speed` × real time but the uplink is real time. With cuts
 * on, cut segments upload while the take goes on, so the take is recorded at a speed the uplink keeps up
 * with (PCM is 256 kbit/s: at most half the link, so 4G at 15.6×, 3G at 1.95×), never faster. With cuts off nothing uploads
 * before the pause, so the take may be recorded fast. BENCH_TAKES_RUNS (default 3) takes per row;
 * BENCH_TAKES_SECONDS (default "10,60,300,600") the take lengths; BENCH_TAKES_PROFILES (default "4g,3g");
 * BENCH_TAKES_CUTS (default "on,off"). On 3G with cuts off a 5- or 10-minute take never gets up: its one
 * 9.6 / 19.2 MB upload needs 77 / 154 s, past wx.cloud.uploadFile's 60 s client timeout, so the row
 * gives up after 15 minutes and the section fails; run those lengths with BENCH_TAKES_CUTS=on.
 */
import { performance } from 'node:perf_hooks';
import { startEmulatorProcess, type EmulatorProcess } from '../../harness/emulator-process';
import { createSimPhone, waitUntil, type SimPhone } from '../../harness/sim-phone';
import { NETWORK_PROFILES, type ProfileName } from '../../simulator/cloud/network-profile';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { median, percentile, type BenchRow, type BenchSection } from '../types';

const SECTION = 'takes';
const CUT_MS = 30_000;
/** PCM the recorder makes: 16 kHz × 16 bit mono. */
const PCM_BITS_PER_SECOND = 256_000;
/** No cloudbaserc.json configures a timeout, so production runs ingestSegment with the 3 s default. */
const CONFIGURED_TIMEOUT_MS = 3000;
const TARGET_READY_MS: Record<ProfileName, number> = { '4g': 1500, '3g': 5000 };

interface Config {
  profile: ProfileName;
  cuts: boolean;
  takeMs: number;
}

interface Sample {
  uploadedMs: number;
  readyMs: number;
  /** Segments the take was cut into (automatic cuts plus the paused one). */
  segments: number;
}

function envList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  return raw
    ? raw
        .split(',')
        .map(Number)
        .filter((n) => n > 0)
    : fallback;
}

/** BENCH_TAKES_PROFILES (default "4g,3g"): the uplinks to run, e.g. "3g" alone while developing. */
function profileList(): ProfileName[] {
  const raw = process.env.BENCH_TAKES_PROFILES;
  if (!raw) return ['4g', '3g'];
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(n in NETWORK_PROFILES));
  if (unknown.length > 0) throw new Error(`BENCH_TAKES_PROFILES: unknown profile ${unknown.join(', ')}`);
  return names as ProfileName[];
}

/** BENCH_TAKES_CUTS (default "on,off"): automatic cuts on, off, or both. */
function cutsList(): boolean[] {
  const raw = process.env.BENCH_TAKES_CUTS ?? 'on,off';
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => n !== 'on' && n !== 'off');
  if (unknown.length > 0) throw new Error(`BENCH_TAKES_CUTS: unknown value ${unknown.join(', ')}`);
  return names.map((n) => n === 'on');
}

/** Fastest simulated clock at which the uplink still carries the PCM with room to spare. */
function pacedSpeed(profile: ProfileName, cuts: boolean): number {
  if (!cuts) return 100;
  return Math.max(1, NETWORK_PROFILES[profile].upBitsPerSecond / PCM_BITS_PER_SECOND / 2);
}

async function phoneFor(emu: EmulatorProcess, wav: string, config: Config, id: string): Promise<SimPhone> {
  const phone = await createSimPhone({
    client: emu.client(),
    envId: emu.envId,
    openid: `bench-takes-${id}`,
    wav,
    speed: pacedSpeed(config.profile, config.cuts),
    core: { autoCutMs: config.cuts ? CUT_MS : 0 },
  });
  await phone.core.identity.openid();
  phone.sim.cloud.setProfile(config.profile);
  return phone;
}

/** One take of `takeMs`, then the pause; answers pause → uploaded and → ready of the paused segment. */
async function oneTake(phone: SimPhone, takeMs: number): Promise<Sample> {
  const session = await phone.core.startRecording();
  try {
    await phone.recordSegment(session, takeMs);
    const timing = phone.timings[phone.timings.length - 1];
    if (!timing) throw new Error('no timing for the paused segment');
    await waitUntil(() => timing.readyAt !== undefined, 'paused segment ready', 900_000);
    return {
      uploadedMs: (timing.uploadedAt ?? Number.NaN) - timing.pausedAt,
      readyMs: (timing.readyAt ?? Number.NaN) - timing.pausedAt,
      segments: timing.seq + 1,
    };
  } finally {
    session.stop();
    await phone.core.whenSettled(session.recordingId);
  }
}

/** Longest ingest seen by the phone: uploaded → converted of any segment (includes one round trip). */
function longestIngestMs(phone: SimPhone): number {
  const spans = phone.ingests.filter((s) => s.uploadedAt !== undefined && s.readyAt !== undefined);
  return Math.max(0, ...spans.map((s) => (s.readyAt as number) - (s.uploadedAt as number)));
}

function rowsFor(config: Config, samples: Sample[]): BenchRow[] {
  const label = `${config.profile}, ${config.takeMs / 1000} s take, cuts ${config.cuts ? 'on' : 'off'}:`;
  const note = `n = ${samples.length}, recorded at ${pacedSpeed(config.profile, config.cuts).toFixed(2)}× speed`;
  const uploaded = samples.map((s) => s.uploadedMs);
  const ready = samples.map((s) => s.readyMs);
  const target = TARGET_READY_MS[config.profile];
  const row = (metric: string, value: number, withTarget = false, unit = 'ms'): BenchRow => ({
    section: SECTION,
    metric: `${label} ${metric}`,
    value: Math.round(value),
    unit,
    ...(withTarget ? { target: `≤ ${target} ms`, pass: value <= target } : {}),
    note,
  });
  return [
    row('pause → uploaded p50', median(uploaded)),
    row('pause → uploaded p95', percentile(uploaded, 95)),
    row('pause → MP3 ready p50', median(ready)),
    row('pause → MP3 ready p95', percentile(ready, 95), true),
    row('segments per take (median)', median(samples.map((s) => s.segments)), false, 'segments'),
  ];
}

async function measure(emu: EmulatorProcess, wav: string, config: Config, runs: number) {
  const phone = await phoneFor(emu, wav, config, `${config.profile}-${config.cuts}-${config.takeMs}`);
  try {
    await oneTake(phone, 2000); // warm: function instances and the link, untimed
    phone.timings.length = 0;
    phone.ingests.length = 0; // the warm-up's ingest may be a cold start; the row is about steady state
    const samples: Sample[] = [];
    for (let run = 0; run < runs; run += 1) samples.push(await oneTake(phone, config.takeMs));
    return { rows: rowsFor(config, samples), longestIngestMs: longestIngestMs(phone) };
  } finally {
    phone.dispose();
  }
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const emu = await startEmulatorProcess({ envId: 'bench-takes' });
    const runs = envList('BENCH_TAKES_RUNS', [3])[0] ?? 3;
    const lengths = envList('BENCH_TAKES_SECONDS', [10, 60, 300, 600]);
    const profiles = profileList();
    const cutsSettings = cutsList();
    try {
      const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 });
      const started = performance.now();
      const rows: BenchRow[] = [];
      let longest = 0;
      for (const profile of profiles) {
        for (const cuts of cutsSettings) {
          for (const seconds of lengths) {
            const result = await measure(emu, wav, { profile, cuts, takeMs: seconds * 1000 }, runs);
            rows.push(...result.rows);
            if (cuts) longest = Math.max(longest, result.longestIngestMs);
          }
        }
      }
      const third = CONFIGURED_TIMEOUT_MS / 3;
      rows.push({
        section: SECTION,
        metric: 'longest single ingest with cuts on (phone: uploaded → MP3 ready)',
        value: Math.round(longest),
        unit: 'ms',
        target: `≤ ${third} ms (1/3 of the ${CONFIGURED_TIMEOUT_MS} ms default timeout)`,
        pass: longest <= third,
      });
      rows.push({
        section: SECTION,
        metric: 'section wall time',
        value: Math.round((performance.now() - started) / 1000),
        unit: 's',
      });
      return rows;
    } finally {
      await emu.stop();
    }
  },
};

export default section;
