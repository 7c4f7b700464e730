/**
 * The student's phone for one schedule: the real Mini Program (pages, recorder core, wx port) in the wx
 * simulator, wx.cloud bound to the chaos emulator through the fault-aware backend. It keeps what the
 * checks need: which microphone reads went to which recording, where the app was killed, and the
 * journal's size after every storage write.
 */
// Node's own timers: the simulator puts the app's timers in the globals, and a killed app's never fire.
import { setTimeout, clearTimeout } from 'node:timers';
import fs from 'node:fs';
import path from 'node:path';
import type { BusEvent } from '../miniprogram/recorder/bus';
import type { RecorderCore } from '../miniprogram/recorder/core';
import type { RecordViewData } from '../miniprogram/view/record-data';
import { createWxSimulator, STORAGE_LIMITS, USER_DATA_PATH, type WxSimulator } from '../simulator';
import type { CloudBackend } from '../simulator';
import type { ModuleIsolator } from '../simulator/app/app-loader';
import { milestonesOf } from './milestones';
import type { Milestone, TapButton, ScheduleSettings } from './schedule';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../miniprogram');
const JOURNAL_PREFIX = 'recorder.journal.';
const TAP_HANDLERS: Record<TapButton, string> = {
  record: 'onRecord',
  pause: 'onPause',
  resume: 'onResume',
  stop: 'onStop',
};

/** A place in the microphone's stream where audio may be lost: a kill, a dropped take, a full disk. */
export interface LossEvent {
  /** Microphone frame position (16 kHz) at the moment. */
  atFrame: number;
  why: string;
}

/** The first microphone read that belongs to a recording (reads run from here to the next marker). */
interface RecordingMarker {
  recordingId: string;
  firstRead: number;
}

export interface PhoneOptions {
  openid: string;
  envId: string;
  backend: CloudBackend;
  wav: string;
  settings: ScheduleSettings;
  isolate?: ModuleIsolator;
}

export class ChaosPhone {
  readonly sim: WxSimulator;
  readonly losses: LossEvent[] = [];
  /** Every kill of the app, why (kills while nothing records cost no audio and grant no allowance). */
  readonly kills: string[] = [];
  /** Journal bytes over budget, seen after a write (invariant e). */
  readonly budgetBreaches: string[] = [];
  private readonly markers: RecordingMarker[] = [];
  private alive = false;
  private writesUntilKill: number | undefined;
  /** Armed milestone, and the milestones the journal already held when it was armed. */
  private milestoneKill: { milestone: Milestone; seen: Set<string> } | undefined;
  private relaunchTimer: NodeJS.Timeout | undefined;
  private readonly budgetBytes: number;

  constructor(options: PhoneOptions) {
    this.sim = createWxSimulator({
      app: { root: MINIPROGRAM_ROOT, ...(options.isolate ? { isolate: options.isolate } : {}) },
      speed: options.settings.speed,
      // A reader who never runs out: a take that outlasts the speech (settling at speed 150) still hears it.
      microphone: { wav: options.wav, onEnd: 'loop' },
      recorder: { whenHidden: options.settings.whenHidden },
      cloud: { backend: options.backend, envId: options.envId, openid: options.openid },
    });
    this.budgetBytes = 2 * 1024 * 1024;
    const timeout = options.settings.clientTimeoutMs;
    if (timeout !== undefined)
      Object.assign(this.sim.cloud.timeouts, { callFunction: timeout, uploadFile: timeout });
    this.sim.storage.writes.add((key) => this.afterStorageWrite(key));
    this.fillStorage(options.settings.storageFreeBytes);
    this.fillFiles(options.settings.fileFreeBytes);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  core(): RecorderCore {
    return (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core;
  }

  data(): RecordViewData | undefined {
    return this.sim.page?.instance.data as unknown as RecordViewData | undefined;
  }

  /** Cold start on the record page; the bus tells us when a new recording takes the microphone. */
  launch(): void {
    if (this.relaunchTimer) clearTimeout(this.relaunchTimer);
    this.relaunchTimer = undefined;
    this.sim.launch('pages/record/record');
    this.alive = true;
    this.core().bus.subscribe((event: BusEvent) => this.noteRecording(event));
  }

  /** kill -9 of the app: everything in memory is gone, the recorder's take with it. */
  kill(why: string): void {
    if (!this.alive) return;
    this.kills.push(why);
    if (this.audioInFlight()) this.losses.push({ atFrame: this.micFrames(), why });
    this.sim.kill();
    this.alive = false;
  }

  /**
   * Whether a kill now can cost audio (chaos/README.md "Loss allowance"): the platform recorder holds a
   * take (its encoder's partial frame; after a hide, the frames it flushes on stop), it has let go of
   * frames the app has not stored yet (inside the frame handler, or a pause's partial frame waiting for
   * its delivery), or the app still waits for the platform's onPause / onStop that delivers the last
   * frames. Otherwise every sample the microphone gave has reached the app, which writes each frame to
   * disk as it arrives.
   */
  private audioInFlight(): boolean {
    const platform = this.sim.recorderState;
    const app = this.core().session?.state;
    const busy = (s: string | undefined) => s === 'starting' || s === 'recording' || s === 'stopping';
    return busy(platform) || busy(app) || this.sim.recorderHoldsUndeliveredAudio;
  }

  /** The student closes and reopens the app with nothing recording (no audio can be in flight). */
  relaunch(): void {
    if (this.alive) this.sim.kill();
    this.alive = false;
    this.launch();
  }

  /** Arms a kill right after the `writes`-th journal write from now. */
  killAfterWrites(writes: number): void {
    this.writesUntilKill = writes;
  }

  /** Arms a kill inside the journal write that first records `milestone` (for any segment or recording). */
  killAtMilestone(milestone: Milestone): void {
    this.milestoneKill = { milestone, seen: new Set(this.journalMilestones(milestone)) };
  }

  /** Heal: a count of writes may never be reached; a milestone kill stays armed until its milestone comes. */
  disarmCountedKill(): void {
    this.writesUntilKill = undefined;
  }

  private journalMilestones(milestone: Milestone): string[] {
    return this.sim.storage
      .info()
      .keys.filter((key) => key.startsWith(JOURNAL_PREFIX))
      .flatMap((key) => milestonesOf(this.sim.storage.get(key), milestone));
  }

  /** True when this write recorded the armed milestone for the first time. */
  private milestoneReached(key: string): boolean {
    const armed = this.milestoneKill;
    if (!armed) return false;
    const fresh = milestonesOf(this.sim.storage.get(key), armed.milestone).some((m) => !armed.seen.has(m));
    if (fresh) this.milestoneKill = undefined;
    return fresh;
  }

  async tap(button: TapButton): Promise<void> {
    const page = this.sim.page;
    if (!this.alive || !page) return;
    const before = this.data()?.state;
    // Not awaited: onStop waits for the whole upload; the schedule goes on meanwhile, as a student would.
    void page.tap(TAP_HANDLERS[button]).catch(() => undefined);
    // The student looks at the button until it reacts (a refused tap changes nothing: then 300 ms).
    const deadline = Date.now() + 300;
    while (this.alive && this.data()?.state === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Microphone frames delivered so far (16 kHz). */
  micFrames(): number {
    const log = this.sim.mic?.positionLog ?? [];
    const last = log[log.length - 1];
    return last ? last.startFrame + last.frames : 0;
  }

  /** Each recording's microphone range [start, end) in frames, from the reads attributed to it. */
  recordingRanges(): Map<string, { start: number; end: number }> {
    const log = this.sim.mic?.positionLog ?? [];
    const ranges = new Map<string, { start: number; end: number }>();
    this.markers.forEach((marker, i) => {
      const until = this.markers[i + 1]?.firstRead ?? log.length;
      const reads = log.slice(marker.firstRead, until);
      const first = reads[0];
      const last = reads[reads.length - 1];
      if (first && last)
        ranges.set(marker.recordingId, { start: first.startFrame, end: last.startFrame + last.frames });
    });
    return ranges;
  }

  dispose(): void {
    if (this.relaunchTimer) clearTimeout(this.relaunchTimer);
    this.sim.dispose();
  }

  private noteRecording(event: BusEvent): void {
    if (event.type !== 'session') return;
    // A recorder error (a full disk) ends the take: the frame that failed to save is lost.
    if (event.session.state === 'error')
      this.losses.push({ atFrame: this.micFrames(), why: 'recorder error' });
    const id = event.session.recordingId;
    if (this.markers[this.markers.length - 1]?.recordingId === id) return;
    if (this.markers.some((m) => m.recordingId === id)) return;
    this.markers.push({ recordingId: id, firstRead: this.sim.mic?.positionLog.length ?? 0 });
  }

  private journalBytes(): number {
    let total = 0;
    for (const key of this.sim.storage.info().keys) {
      if (!key.startsWith(JOURNAL_PREFIX)) continue;
      total += Buffer.byteLength(JSON.stringify(this.sim.storage.get(key))) + Buffer.byteLength(key);
    }
    return total;
  }

  private afterStorageWrite(key: string): void {
    if (!key.startsWith(JOURNAL_PREFIX)) return;
    const used = this.journalBytes();
    if (used > this.budgetBytes) this.budgetBreaches.push(`journal ${used} B > budget ${this.budgetBytes} B`);
    if (this.sim.storage.usedBytes() > STORAGE_LIMITS.totalBytes)
      this.budgetBreaches.push(`wx storage ${this.sim.storage.usedBytes()} B > 10 MB`);
    if (!this.alive) return;
    // Inside the app's own setStorageSync: the write landed, the statement after it never runs.
    if (this.milestoneReached(key)) return this.kill(`kill inside the journal write of a milestone (${key})`);
    if (this.writesUntilKill === undefined) return;
    this.writesUntilKill -= 1;
    if (this.writesUntilKill > 0) return;
    this.writesUntilKill = undefined;
    this.kill(`kill after journal write (${key})`);
  }

  /** Other data of the app fills wx storage until only `freeBytes` are left. */
  private fillStorage(freeBytes: number | undefined): void {
    if (freeBytes === undefined) return;
    const chunk = 900 * 1024;
    let toFill = STORAGE_LIMITS.totalBytes - freeBytes;
    for (let i = 0; toFill > 1024; i += 1) {
      const key = `other.cache.${i}`;
      const size = Math.min(chunk, toFill - key.length - 64);
      this.sim.storage.set(key, 'x'.repeat(Math.max(0, size)));
      toFill = STORAGE_LIMITS.totalBytes - freeBytes - this.sim.storage.usedBytes();
    }
  }

  /** Other files fill the 200 MB user-file quota until only `freeBytes` are left (sparse: no disk used). */
  private fillFiles(freeBytes: number | undefined): void {
    if (freeBytes === undefined) return;
    const total = 200 * 1024 * 1024 - freeBytes;
    const half = Math.floor(total / 2);
    [half, total - half].forEach((size, i) => {
      const real = this.sim.realPath(`${USER_DATA_PATH}/other-${i}.bin`);
      fs.mkdirSync(path.dirname(real), { recursive: true });
      fs.closeSync(fs.openSync(real, 'w'));
      fs.truncateSync(real, size);
    });
  }
}
