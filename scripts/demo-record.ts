/**
 * `npx tsx scripts/demo-record.ts [--wav speech.wav] [--emulator http://127.0.0.1:PORT --env ENV_ID]
 *  [--openid demo-student] [--segments 3] [--seconds 4] [--out full.mp3]`
 *
 * Runs the real Mini Program in the wx simulator with the WAV as its microphone: opens the record page,
 * gives a name and class, records the segments with a pause after each, stops, and prints every segment
 * state as the page shows it, then the outcome. wx.cloud talks to the emulator at --emulator (start one
 * with `npm run emulator`), or to one this script starts on a temporary DATA_DIR. Without --wav it speaks
 * a sample paragraph with espeak-ng.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EmulatorClient, startEmulator, type RunningEmulator } from '../emulator';
import type { RecorderCore } from '../miniprogram/recorder/core';
import type { RecordViewData } from '../miniprogram/view/record-data';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../test/support/speech';
import { createWxSimulator, type WxSimulator } from '../test/wx-sim';

const ROOT = path.resolve(__dirname, '..', 'miniprogram');

const { values: args } = parseArgs({
  options: {
    wav: { type: 'string' },
    emulator: { type: 'string' },
    env: { type: 'string', default: 'demo-env' },
    openid: { type: 'string', default: 'demo-student' },
    segments: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '4' },
    out: { type: 'string' },
  },
});

async function waitFor(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function cloud(): Promise<{
  client: EmulatorClient;
  envId: string;
  own?: RunningEmulator;
  dataDir?: string;
}> {
  if (args.emulator)
    return {
      client: new EmulatorClient({ url: args.emulator, envId: args.env as string }),
      envId: args.env as string,
    };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'demo-emulator-'));
  const own = await startEmulator({ dataDir, port: 0, envId: args.env as string });
  console.log(`emulator: ${own.url} (DATA_DIR ${dataDir})`);
  return { client: new EmulatorClient({ url: own.url, envId: own.envId }), envId: own.envId, own, dataDir };
}

function printStates(sim: WxSimulator): void {
  const core = (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core;
  core.bus.subscribe((event) => {
    if (event.type === 'segment') {
      const s = event.segment;
      console.log(
        `  segment ${s.seq}: local ${s.local}, upload ${s.upload}, server ${s.server}${s.lastError ? ` (${s.lastError.message})` : ''}`,
      );
    } else if (event.type === 'session' && ['paused', 'stopped', 'error'].includes(event.session.state)) {
      console.log(`session ${event.session.state} at ${(event.session.elapsedMs / 1000).toFixed(1)} s`);
    }
  });
  void sim;
}

async function record(sim: WxSimulator): Promise<RecordViewData> {
  const page = sim.launch();
  const data = () => page.instance.data as unknown as RecordViewData;
  printStates(sim);
  await waitFor(() => data().labels.record !== undefined, 'the record page');
  const methods = page.instance as unknown as Record<string, (e: unknown) => unknown>;
  methods.onNameInput({ detail: { value: '演示学生' } });
  methods.onClassInput({ detail: { value: '演示班' } });
  await page.tap('onSaveProfile');
  const seconds = Number(args.seconds) * 1000;
  for (let i = 0; i < Number(args.segments); i += 1) {
    await page.tap(i === 0 ? 'onRecord' : 'onResume');
    await waitFor(() => data().state === 'recording', 'recording');
    const core = (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core;
    const target = (core.session?.snapshot().elapsedMs ?? 0) + seconds;
    await waitFor(() => (core.session?.snapshot().elapsedMs ?? 0) >= target, `${seconds} ms`);
    await page.tap('onPause');
    await waitFor(() => data().state === 'paused', 'paused');
  }
  await page.tap('onStop');
  await waitFor(() => data().outcome !== '' && data().outcome !== '正在合成完整录音…', 'the outcome');
  return data();
}

async function main(): Promise<void> {
  const wav = args.wav ?? (await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 }));
  const { client, envId, own, dataDir } = await cloud();
  const sim = createWxSimulator({
    app: { root: ROOT },
    speed: 4,
    microphone: { wav },
    cloud: { backend: client, envId, openid: args.openid as string },
  });
  try {
    const result = await record(sim);
    console.log(`outcome: ${result.outcome} (recording ${result.recordingId})`);
    const views = await client.callFunction({
      name: 'getRecordings',
      data: { recordingId: result.recordingId },
      openid: args.openid as string,
    });
    const fullMp3FileID = (views.result as { data?: { recordings?: Array<{ fullMp3FileID?: string }> } }).data
      ?.recordings?.[0]?.fullMp3FileID;
    console.log(`full MP3: ${fullMp3FileID ?? '(none)'}`);
    if (args.out && fullMp3FileID) {
      writeFileSync(
        args.out,
        await client.downloadFile({ fileID: fullMp3FileID, openid: args.openid as string }),
      );
      console.log(`wrote ${args.out}`);
    }
  } finally {
    sim.dispose();
    await own?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
