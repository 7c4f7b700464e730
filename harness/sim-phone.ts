/**
 * A simulated phone running the real recorder core over the real wx port, without pages or globals:
 * many of them can share one process (the benchmark's 50 students). Tests of the pages use mini-app.ts.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RecorderCore, type RecorderCoreOptions } from '../miniprogram/recorder/core';
import type { PlatformPort } from '../miniprogram/recorder/port';
import type { RecordingSession } from '../miniprogram/recorder/session';
import type { EmulatorClient } from '../emulator/client';
import { createWxSimulator, type WxSimulator } from '../simulator';

// Loaded by path: wx-port.ts is typed against the WeChat globals, which only the Mini Program's own
// TypeScript program declares (see CONTRIBUTING, "Two TypeScript programs").
const WX_PORT = path.resolve(__dirname, '../miniprogram/platform/wx-port');

export interface SegmentTiming {
  recordingId: string;
  seq: number;
  pausedAt: number;
  uploadedAt?: number;
  readyAt?: number;
}

export interface SimPhone {
  sim: WxSimulator;
  core: RecorderCore;
  timings: SegmentTiming[];
  /** Every segment's upload and MP3 times (automatic cuts included; `pausedAt` is when it was sealed). */
  ingests: SegmentTiming[];
  /** Records `ms` of microphone audio in the current session, then pauses and notes the time. */
  recordSegment(session: RecordingSession, ms: number): Promise<void>;
  dispose(): void;
}

export interface SimPhoneOptions {
  client: EmulatorClient;
  envId: string;
  openid: string;
  wav: string;
  speed: number;
  /** The recorder's options (automatic cuts: `autoCutMs`, …); the app's defaults where absent. */
  core?: RecorderCoreOptions;
}

async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function traceTimings(core: RecorderCore, timings: SegmentTiming[], ingests: SegmentTiming[]): void {
  core.bus.subscribe((event) => {
    if (event.type !== 'segment') return;
    const now = performance.now();
    const { recordingId, segment } = event;
    const find = (list: SegmentTiming[]) =>
      list.find((t) => t.recordingId === recordingId && t.seq === segment.seq);
    if (segment.local === 'sealed' && !find(ingests))
      ingests.push({ recordingId, seq: segment.seq, pausedAt: now });
    for (const timing of [find(timings), find(ingests)]) {
      if (!timing) continue;
      if (segment.upload === 'uploaded') timing.uploadedAt ??= now;
      if (segment.server === 'converted') timing.readyAt ??= now;
    }
  });
}

export async function createSimPhone(options: SimPhoneOptions): Promise<SimPhone> {
  const sim = createWxSimulator({
    speed: options.speed,
    // A reader who never runs out of words: the WAV loops, so no segment is padded with silence.
    microphone: { wav: options.wav, onEnd: 'loop' },
    recorder: { tickMs: 500 },
    cloud: { backend: options.client, envId: options.envId, openid: options.openid },
  });
  sim.wx.cloud.init({});
  const { createWxPort } = (await import(WX_PORT)) as { createWxPort(api: unknown): PlatformPort };
  const core = new RecorderCore(createWxPort(sim.wx), options.core ?? {});
  core.launch();
  const timings: SegmentTiming[] = [];
  const ingests: SegmentTiming[] = [];
  traceTimings(core, timings, ingests);
  return {
    sim,
    core,
    timings,
    ingests,
    async recordSegment(session, ms) {
      const target = session.snapshot().elapsedMs + ms;
      // At the platform's 10-minute cap the session restarts its recording (`starting`): pause after that.
      await waitUntil(
        () => session.snapshot().elapsedMs >= target && session.state === 'recording',
        `${ms} ms recorded`,
      );
      const seq = core.journal.get(session.recordingId)?.segments.length ?? 0;
      timings.push({ recordingId: session.recordingId, seq: seq - 1, pausedAt: performance.now() });
      session.pause();
      await waitUntil(() => session.state === 'paused', 'paused');
    },
    dispose: () => sim.dispose(),
  };
}

export { waitUntil };
