import path from 'node:path';
import type { RecorderCore } from '../../../miniprogram/recorder/core';
import type { RecordViewData } from '../../../miniprogram/view/record-data';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../../typings/documents';
import { startTestEmulator, type TestEmulator } from '../../../harness/emulator';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../../simulator/speech';
import {
  createWxSimulator,
  type PageHandle,
  type WxSimulator,
  type WxSimulatorOptions,
} from '../../../simulator';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../../miniprogram');

export interface MiniApp {
  emu: TestEmulator;
  sim: WxSimulator;
  openid: string;
  /** The page on top of the simulator's stack. */
  page(): PageHandle;
  data(): RecordViewData;
  core(): RecorderCore;
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  segments(recordingId: string): Promise<SegmentDoc[]>;
  recording(recordingId: string): Promise<RecordingDoc | undefined>;
  /** Binds wx.cloud to the emulator's current address (after a restart it has a new port). */
  rebind(): void;
}

export interface MiniAppOptions {
  openid?: string;
  speed?: number;
  sim?: Partial<WxSimulatorOptions>;
  /** Launch with a stored profile, as a returning student. */
  withProfile?: boolean;
  /** The microphone plays its speech round and round instead of falling silent (long takes). */
  loopMicrophone?: boolean;
  /**
   * Pages rendered from their WXML (miniprogram-simulate): taps go through the wxml bindings and the test
   * reads what is on screen. The test file needs `@jest-environment ./simulator/jsdom-node-io-environment.js`.
   */
  render?: boolean;
}

/** The real Mini Program in the wx simulator, wx.cloud bound to a fresh emulator running cloudfunctions/. */
export async function startMiniApp(options: MiniAppOptions = {}): Promise<MiniApp> {
  const openid = options.openid ?? `student-${Math.random().toString(36).slice(2, 10)}`;
  const emu = await startTestEmulator();
  const wav = await speechWavFile({
    text: `${SAMPLE_PARAGRAPH} ${SAMPLE_PARAGRAPH}`,
    sampleRate: 16000,
    channels: 1,
  });
  const binding = () => ({ backend: emu.client(), envId: emu.envId, openid });
  const sim = createWxSimulator({
    app: { root: MINIPROGRAM_ROOT, isolate: jest.isolateModules, render: options.render },
    speed: options.speed ?? 10,
    microphone: { wav, onEnd: options.loopMicrophone ? 'loop' : 'silence' },
    cloud: binding(),
    ...options.sim,
  });
  const nodeDb = () => emu.nodeApp().database();
  const app: MiniApp = {
    emu,
    sim,
    openid,
    page: () => sim.page as PageHandle,
    data: () => (sim.page as PageHandle).instance.data as unknown as RecordViewData,
    core: () => (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core,
    waitFor: (predicate, what, timeoutMs = 30000) => sim.waitFor(predicate, what, timeoutMs),
    segments: async (recordingId) => {
      const res = await nodeDb().collection(COLLECTIONS.segments).where({ recordingId }).get();
      return (res.data as SegmentDoc[]).sort((a, b) => a.seq - b.seq);
    },
    recording: async (recordingId) => {
      const res = await nodeDb().collection(COLLECTIONS.recordings).where({ _id: recordingId }).get();
      return (res.data as RecordingDoc[])[0];
    },
    rebind: () => sim.setCloud(binding()),
  };
  if (options.withProfile) {
    await emu
      .client()
      .callFunction({ name: 'saveStudentProfile', data: { name: '李雷', className: '三年二班' }, openid });
  }
  return app;
}

export async function stopMiniApp(app: MiniApp | undefined): Promise<void> {
  if (!app) return;
  app.sim.dispose();
  await app.emu.stop();
}

/** A starter for this test file's apps: each one is stopped (simulator and emulator) after its test. */
export function miniAppPerTest(): (options?: MiniAppOptions) => Promise<MiniApp> {
  let current: MiniApp | undefined;
  afterEach(async () => {
    await stopMiniApp(current);
    current = undefined;
  });
  return async (options) => (current = await startMiniApp(options));
}

/** Taps record (or resume), lets `ms` of audio in, taps pause and waits until the page shows it paused. */
export async function recordSegment(app: MiniApp, ms: number): Promise<void> {
  const page = app.page();
  await page.tap(app.data().state === 'paused' ? 'onResume' : 'onRecord');
  await waitForState(app, 'recording');
  await speakFor(app, ms);
  await page.tap('onPause');
  await waitForState(app, 'paused');
}

/** Records until the page shows at least `ms` more of elapsed audio. */
export async function speakFor(app: MiniApp, ms: number): Promise<void> {
  const session = app.core().session;
  if (!session) throw new Error('no recording session');
  const target = session.snapshot().elapsedMs + ms;
  await app.waitFor(() => (app.core().session?.snapshot().elapsedMs ?? 0) >= target, `${ms} ms of audio`);
}

export async function waitForState(app: MiniApp, state: RecordViewData['state']): Promise<void> {
  await app.waitFor(() => app.data().state === state, `state ${state}`);
}

/** Waits until the page shows the segment's stage. */
export async function waitForStage(
  app: MiniApp,
  seq: number,
  stage: string,
  timeoutMs?: number,
): Promise<void> {
  await app.waitFor(
    () => app.data().segments.find((s) => s.seq === seq)?.stage === stage,
    `segment ${seq} ${stage}`,
    timeoutMs,
  );
}

/** An assignment a teacher set, written straight into the emulator's database. */
export async function addAssignment(
  app: MiniApp,
  assignment: { _id: string; title: string; prompt: string },
): Promise<void> {
  const now = new Date();
  await app.emu
    .nodeApp()
    .database()
    .collection(COLLECTIONS.assignments)
    .add({ teacherId: 't1', maxDurationSec: 120, ...assignment, createdAt: now, updatedAt: now });
}
