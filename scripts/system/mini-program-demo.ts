/**
 * A recording made the way a student makes one: the real Mini Program (pages and recorder core) runs in
 * the wx simulator with a WAV as its microphone, records `segments` pieces with a pause after each, and
 * stops; wx.cloud talks to the emulator as `openid`. Used by `npm start` (demo data) and `npm run demo`.
 */
import path from 'node:path';
import type { EmulatorClient } from '../../emulator/client';
import type { RecorderCore } from '../../miniprogram/recorder/core';
import type { RecordViewData } from '../../miniprogram/view/record-data';
import { createWxSimulator, type PageHandle } from '../../simulator';
import { REPO_ROOT } from './web-build';

const MINIPROGRAM_ROOT = path.join(REPO_ROOT, 'miniprogram');
/** Generous: a first start also cold-starts every cloud function on a possibly busy machine. */
const STEP_TIMEOUT_MS = 180_000;

export interface DemoRecordingOptions {
  client: EmulatorClient;
  envId: string;
  openid: string;
  /** The microphone: a 16-bit PCM WAV file. */
  wav: string;
  assignmentId?: string;
  student: { name: string; className: string };
  segments: number;
  secondsPerSegment: number;
  /** How much faster than real time the simulated microphone runs. */
  speed?: number;
  onProgress?: (line: string) => void;
}

export interface DemoRecordingResult {
  recordingId: string;
  status: string;
  /** The outcome line the record page shows. */
  outcome: string;
}

type Wait = (predicate: () => boolean, what: string) => Promise<void>;

function appCore(): RecorderCore {
  return (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core;
}

function reportStates(onProgress: (line: string) => void): void {
  appCore().bus.subscribe((event) => {
    if (event.type !== 'segment') return;
    const s = event.segment;
    onProgress(
      `segment ${s.seq}: upload ${s.upload}, server ${s.server}${s.lastError ? ` (${s.lastError.message})` : ''}`,
    );
  });
}

async function recordSegments(page: PageHandle, options: DemoRecordingOptions, wait: Wait): Promise<void> {
  const data = () => page.instance.data as unknown as RecordViewData;
  for (let i = 0; i < options.segments; i += 1) {
    await page.tap(i === 0 ? 'onRecord' : 'onResume');
    await wait(() => data().state === 'recording', 'recording to start');
    const elapsed = () => appCore().session?.snapshot().elapsedMs ?? 0;
    const target = elapsed() + options.secondsPerSegment * 1000;
    await wait(() => elapsed() >= target, `${options.secondsPerSegment} s of audio`);
    await page.tap('onPause');
    await wait(() => data().state === 'paused', 'the pause');
  }
}

export async function recordThroughMiniProgram(options: DemoRecordingOptions): Promise<DemoRecordingResult> {
  const sim = createWxSimulator({
    app: { root: MINIPROGRAM_ROOT },
    speed: options.speed ?? 4,
    microphone: { wav: options.wav },
    cloud: { backend: options.client, envId: options.envId, openid: options.openid },
  });
  try {
    const query = options.assignmentId ? `?assignment=${encodeURIComponent(options.assignmentId)}` : '';
    const wait: Wait = (predicate, what) =>
      sim.waitFor(predicate, `demo recording: ${what}`, STEP_TIMEOUT_MS);
    const page = sim.launch(`pages/record/record${query}`);
    const data = () => page.instance.data as unknown as RecordViewData;
    await wait(() => data().labels.record !== undefined, 'the record page');
    if (options.onProgress) reportStates(options.onProgress);
    const form = page.instance as unknown as Record<string, (e: unknown) => unknown>;
    form.onNameInput({ detail: { value: options.student.name } });
    form.onClassInput({ detail: { value: options.student.className } });
    await page.tap('onSaveProfile');
    await recordSegments(page, options, wait);
    await page.tap('onStop');
    const recordingId = data().recordingId;
    const finalized = () => appCore().journal.get(recordingId)?.finalize.result;
    await wait(() => finalized() !== undefined, 'the full MP3');
    return { recordingId, status: finalized()!.status, outcome: data().outcome };
  } finally {
    sim.dispose();
  }
}
