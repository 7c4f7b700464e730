/**
 * Records a WAV through the real Mini Program (pages and recorder core) in the wx simulator into an
 * emulator: opens the record page (with `?assignment=ID` when given), gives a name and class, records
 * the segments with a pause after each, stops and waits for the outcome, printing each segment state
 * as the page sees it.
 *
 * CLI: `npx tsx scripts/demo-record.ts [answer.wav] [--emulator URL] [--env ENV_ID] [--openid ID]
 *       [--assignment ID] [--segments 3] [--seconds 4] [--out full.mp3]`
 * The emulator defaults to http://127.0.0.1:$EMULATOR_PORT (env $ENV_ID) when EMULATOR_PORT is set,
 * else one this script starts on a temporary DATA_DIR. Without a WAV it speaks a sample paragraph.
 * Code (the `npm start` seeding, other scripts): `recordThroughSimulator(options)`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EmulatorClient, startEmulator } from '../emulator';
import type { RecorderCore } from '../miniprogram/recorder/core';
import type { RecordViewData } from '../miniprogram/view/record-data';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../test/support/speech';
import { createWxSimulator, type PageHandle } from '../test/wx-sim';

const MINIPROGRAM_ROOT = path.resolve(__dirname, '..', 'miniprogram');

export interface DemoRecordOptions {
  client: EmulatorClient;
  envId: string;
  openid: string;
  /** 16-bit PCM WAV the simulated microphone plays; default: espeak-ng speaking a sample paragraph. */
  wav?: string;
  assignmentId?: string;
  profile?: { name: string; className: string };
  segments?: number;
  secondsPerSegment?: number;
  /** Simulator time factor (recording and playback). */
  speed?: number;
  log?: (line: string) => void;
}

export interface DemoRecordResult {
  recordingId: string;
  outcome: string;
}

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function appCore(): RecorderCore {
  return (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core;
}

function logStates(log: (line: string) => void): void {
  appCore().bus.subscribe((event) => {
    if (event.type !== 'segment') return;
    const s = event.segment;
    const error = s.lastError ? ` (${s.lastError.message})` : '';
    log(`  segment ${s.seq}: local ${s.local}, upload ${s.upload}, server ${s.server}${error}`);
  });
}

async function fillProfile(page: PageHandle, profile: { name: string; className: string }): Promise<void> {
  const methods = page.instance as unknown as Record<string, (e: unknown) => unknown>;
  methods.onNameInput({ detail: { value: profile.name } });
  methods.onClassInput({ detail: { value: profile.className } });
  await page.tap('onSaveProfile');
}

async function recordSegments(
  page: PageHandle,
  count: number,
  ms: number,
  log: (line: string) => void,
): Promise<void> {
  const data = () => page.instance.data as unknown as RecordViewData;
  for (let i = 0; i < count; i += 1) {
    await page.tap(i === 0 ? 'onRecord' : 'onResume');
    await waitFor(() => data().state === 'recording', 'recording');
    const target = (appCore().session?.snapshot().elapsedMs ?? 0) + ms;
    await waitFor(() => (appCore().session?.snapshot().elapsedMs ?? 0) >= target, `${ms} ms of audio`);
    await page.tap('onPause');
    await waitFor(() => data().state === 'paused', 'paused');
    log(`paused: segment ${i} sealed at ${data().elapsed}`);
  }
}

export async function recordThroughSimulator(options: DemoRecordOptions): Promise<DemoRecordResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const wav =
    options.wav ?? (await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 }));
  const sim = createWxSimulator({
    app: { root: MINIPROGRAM_ROOT },
    speed: options.speed ?? 4,
    microphone: { wav },
    cloud: { backend: options.client, envId: options.envId, openid: options.openid },
  });
  try {
    const query = options.assignmentId ? `?assignment=${encodeURIComponent(options.assignmentId)}` : '';
    const page = sim.launch(`pages/record/record${query}`);
    const data = () => page.instance.data as unknown as RecordViewData;
    logStates(log);
    await waitFor(() => data().labels.record !== undefined, 'the record page');
    await fillProfile(page, options.profile ?? { name: '演示学生', className: '演示班' });
    await recordSegments(page, options.segments ?? 3, (options.secondsPerSegment ?? 4) * 1000, log);
    await page.tap('onStop');
    await waitFor(
      () => data().outcome !== '' && data().state === 'stopped' && !/…$/.test(data().outcome),
      'the outcome',
    );
    return { recordingId: data().recordingId, outcome: data().outcome };
  } finally {
    sim.dispose();
  }
}

async function main(): Promise<void> {
  const { values: args, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      emulator: { type: 'string' },
      env: { type: 'string', default: process.env.ENV_ID || 'local-dev' },
      openid: { type: 'string', default: 'demo-student' },
      assignment: { type: 'string' },
      segments: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '4' },
      out: { type: 'string' },
    },
  });
  const envId = args.env as string;
  const port = process.env.EMULATOR_PORT;
  let url = args.emulator ?? (port ? `http://127.0.0.1:${port}` : undefined);
  let cleanup: () => Promise<void> = () => Promise.resolve();
  if (!url) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'demo-emulator-'));
    const own = await startEmulator({ dataDir, port: 0, envId });
    url = own.url;
    cleanup = async () => {
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    };
    console.log(`started an emulator at ${url} (temporary data)`);
  }
  const client = new EmulatorClient({ url, envId });
  try {
    const result = await recordThroughSimulator({
      client,
      envId,
      openid: args.openid as string,
      wav: positionals[0] ? path.resolve(positionals[0]) : undefined,
      assignmentId: args.assignment,
      segments: Number(args.segments),
      secondsPerSegment: Number(args.seconds),
    });
    console.log(`outcome: ${result.outcome}\nrecording: ${result.recordingId}`);
    await saveFullMp3(client, args.openid as string, result.recordingId, args.out);
  } finally {
    await cleanup();
  }
}

async function saveFullMp3(
  client: EmulatorClient,
  openid: string,
  recordingId: string,
  out?: string,
): Promise<void> {
  const { result } = await client.callFunction({ name: 'getRecordings', data: { recordingId }, openid });
  const fileID = (result as { data?: { recordings?: Array<{ fullMp3FileID?: string }> } }).data
    ?.recordings?.[0]?.fullMp3FileID;
  console.log(`full MP3: ${fileID ?? '(none)'}`);
  if (out && fileID) {
    writeFileSync(out, await client.downloadFile({ fileID, openid }));
    console.log(`wrote ${out}`);
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
