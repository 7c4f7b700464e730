/**
 * The recorder's promise in numbers: how soon after a pause a segment is safe in cloud storage and
 * ready as MP3 (60 s segments, one phone, loopback emulator), and what happens when 50 students
 * pause at once against one emulator: segments lost (must be 0) and the p95 time to MP3.
 * Real parts throughout: the recorder core over the real wx port in the wx simulator, real speech,
 * the emulator running the real cloud functions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { EmulatorClient } from '../../emulator/client';
import { COLLECTIONS, type SegmentDoc } from '../../typings/documents';
import { nodeAppFor } from '../../harness/emulator';
import { setupDatabase } from '../../scripts/db-setup/setup-database';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { createSimPhone, waitUntil, type SegmentTiming, type SimPhone } from '../../harness/sim-phone';
import { median, percentile, type BenchRow, type BenchSection } from '../types';

const SECTION = 'recorder';
const SINGLE = { segments: 8, segmentMs: 60_000, speed: 200 };
const CROWD = { students: 50, segments: 3, segmentMs: 10_000, speed: 20 };

async function microphoneWav(): Promise<string> {
  return speechWavFile({
    text: `${SAMPLE_PARAGRAPH} ${SAMPLE_PARAGRAPH} ${SAMPLE_PARAGRAPH}`,
    sampleRate: 16000,
    channels: 1,
  });
}

/** The emulator in its own process (`npm run emulator`), as on a laptop: the phones do not share its CPU time slice. */
interface EmulatorProcess {
  url: string;
  envId: string;
  client(): EmulatorClient;
  stop(): Promise<void>;
}

async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-recorder-'));
  const envId = 'bench-env';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.resolve(__dirname, '../../emulator/cli.ts')],
    {
      env: { ...process.env, EMULATOR_PORT: '0', DATA_DIR: dataDir, ENV_ID: envId },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
  // `npm run db:setup`: CloudBase (and the emulator) refuse collections nobody created.
  await setupDatabase(nodeAppFor(url, envId));
  return {
    url,
    envId,
    client: () => new EmulatorClient({ url, envId }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function phoneOn(emu: EmulatorProcess, openid: string, wav: string, speed: number): Promise<SimPhone> {
  // Cuts off: these rows measure a pause after a whole 60 s segment (the takes section measures cuts).
  return createSimPhone({
    client: emu.client(),
    envId: emu.envId,
    openid,
    wav,
    speed,
    core: { autoCutMs: 0 },
  });
}

/** One student, segments recorded one after another, each waited for before the next. */
async function singlePhone(emu: EmulatorProcess, wav: string): Promise<SegmentTiming[]> {
  const phone = await phoneOn(emu, 'bench-single', wav, SINGLE.speed);
  try {
    await phone.core.identity.openid(); // a returning student: identity already known
    const session = await phone.core.startRecording();
    // Steady state, not a cold start: one untimed segment warms the function instances first.
    for (let i = 0; i <= SINGLE.segments; i += 1) {
      if (i > 0) session.resume();
      await phone.recordSegment(session, SINGLE.segmentMs);
      await waitUntil(() => phone.timings[i].readyAt !== undefined, `segment ${i} ready`);
    }
    session.stop();
    await phone.core.whenSettled(session.recordingId);
    return phone.timings.slice(1);
  } finally {
    phone.dispose();
  }
}

async function crowdStudent(phone: SimPhone): Promise<string> {
  const session = await phone.core.startRecording();
  for (let i = 0; i < CROWD.segments; i += 1) {
    if (i > 0) session.resume();
    await phone.recordSegment(session, CROWD.segmentMs);
  }
  session.stop();
  await phone.core.whenSettled(session.recordingId);
  return session.recordingId;
}

async function convertedOnServer(emu: EmulatorProcess, recordingIds: string[]): Promise<number> {
  const db = nodeAppFor(emu.url, emu.envId).database();
  let converted = 0;
  for (const recordingId of recordingIds) {
    const res = await db.collection(COLLECTIONS.segments).where({ recordingId }).get();
    converted += (res.data as SegmentDoc[]).filter((s) => s.status === 'converted' && s.mp3FileID).length;
  }
  return converted;
}

/** 50 students at once; a segment is lost if it was sealed on a phone and is not converted on the server. */
async function crowd(emu: EmulatorProcess, wav: string): Promise<{ timings: SegmentTiming[]; lost: number }> {
  const phones = await Promise.all(
    Array.from({ length: CROWD.students }, (_, i) => phoneOn(emu, `bench-student-${i}`, wav, CROWD.speed)),
  );
  try {
    await Promise.all(phones.map((p) => p.core.identity.openid()));
    const recordingIds = await Promise.all(phones.map(crowdStudent));
    const sealed = phones.reduce(
      (sum, p) =>
        sum +
        p.core.recordings().reduce((n, r) => n + r.segments.filter((s) => s.local === 'sealed').length, 0),
      0,
    );
    const lost = sealed - (await convertedOnServer(emu, recordingIds));
    return { timings: phones.flatMap((p) => p.timings), lost };
  } finally {
    phones.forEach((p) => p.dispose());
  }
}

function latencyRows(
  label: string,
  timings: SegmentTiming[],
  targets: { uploaded?: number; ready?: number },
): BenchRow[] {
  const uploaded = timings
    .filter((t) => t.uploadedAt !== undefined)
    .map((t) => (t.uploadedAt as number) - t.pausedAt);
  const ready = timings.filter((t) => t.readyAt !== undefined).map((t) => (t.readyAt as number) - t.pausedAt);
  const row = (metric: string, value: number, target?: number): BenchRow => ({
    section: SECTION,
    metric: `${label} ${metric}`,
    value: Math.round(value),
    unit: 'ms',
    ...(target === undefined ? {} : { target: `≤ ${target} ms`, pass: value <= target }),
    note: `${timings.length} segments`,
  });
  return [
    row('pause → uploaded p50', median(uploaded)),
    row('pause → uploaded p95', percentile(uploaded, 95), targets.uploaded),
    row('pause → MP3 ready p50', median(ready)),
    row('pause → MP3 ready p95', percentile(ready, 95), targets.ready),
  ];
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const emu = await startEmulatorProcess();
    try {
      const wav = await microphoneWav();
      const started = performance.now();
      const single = await singlePhone(emu, wav);
      const { timings, lost } = await crowd(emu, wav);
      const crowdLabel = `${CROWD.students} students × ${CROWD.segments} (${CROWD.segmentMs / 1000} s)`;
      return [
        ...latencyRows('60 s segments, 1 phone, loopback (no uplink model):', single, {
          uploaded: 300,
          ready: 1500,
        }),
        ...latencyRows(`${crowdLabel}:`, timings, {}),
        {
          section: SECTION,
          metric: `${crowdLabel}: segments lost`,
          value: lost,
          unit: 'segments',
          target: '= 0',
          pass: lost === 0,
        },
        {
          section: SECTION,
          metric: 'section wall time',
          value: Math.round((performance.now() - started) / 1000),
          unit: 's',
        },
      ];
    } finally {
      await emu.stop();
    }
  },
};

export default section;
