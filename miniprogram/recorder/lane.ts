import { messageOf } from './errors';
import type { CancelTimer, ClockPort } from './port';

export interface LaneJob {
  /** Epoch ms from which the job may run. */
  readyAt: number;
  run(): Promise<void>;
}

export interface LaneDeps {
  name: string;
  clock: ClockPort;
  /** The jobs this lane would run now or later, read fresh from the journal each time. */
  jobs(): LaneJob[];
  /** Whether jobs may run at all (the network is up). */
  canRun(): boolean;
  /** After each job: let waiters and other lanes look at the journal again. */
  afterJob(): void;
  /** How long to wait before trying again after the journal itself could not be written. */
  pauseMs: number;
}

/**
 * One worker: runs its ready jobs one at a time, sleeps until the earliest scheduled retry, and never
 * lets a failure escape as an unhandled rejection. Uploads and server calls run in separate lanes so a
 * slow conversion never holds back the next upload.
 */
export class Lane {
  private running = false;
  private again = false;
  private cancelTimer: CancelTimer | undefined;

  constructor(private readonly deps: LaneDeps) {}

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    } catch (err) {
      // Only a journal write can land here (storage full or gone): nothing was sent that the journal
      // does not describe, so trying again later is safe.
      console.error(`[recorder] ${this.deps.name} lane paused:`, messageOf(err));
      this.wakeIn(this.deps.pauseMs);
    } finally {
      this.running = false;
    }
  }

  private async drain(): Promise<void> {
    for (let job = this.nextReady(); job && this.deps.canRun(); job = this.nextReady()) {
      await job.run();
      this.deps.afterJob();
    }
    const times = this.deps.jobs().map((job) => job.readyAt);
    if (times.length > 0) this.wakeIn(Math.max(0, Math.min(...times) - this.deps.clock.now()));
  }

  private nextReady(): LaneJob | undefined {
    const now = this.deps.clock.now();
    return this.deps.jobs().find((job) => job.readyAt <= now);
  }

  private wakeIn(ms: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.clock.setTimeout(() => this.kick(), ms);
  }
}
