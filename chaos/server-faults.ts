/**
 * Server faults of a schedule: a function instance killed with SIGKILL mid-call, the emulator killed
 * with SIGKILL and restarted on the same data. Either may be timed to the next call of a function.
 */
// Node's own timers: the simulator puts the app's timers in the globals, and a killed app's never fire.
import { setTimeout, clearTimeout } from 'node:timers';
import type { EmulatorProcess } from '../harness/emulator-process';
import type { WatchedBackend } from './faulty-backend';
import type { ServerFunction } from './schedule';

export class ServerFaults {
  private readonly unwatch: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private restarting: Promise<void> = Promise.resolve();
  /** Human-readable log of what was done, for the report. */
  readonly done: string[] = [];

  constructor(
    private readonly emulator: EmulatorProcess,
    private readonly backend: WatchedBackend,
  ) {}

  /** Runs `action` `afterMs` into the next call of `name` (or now). */
  private onNextCall(name: ServerFunction | 'now', afterMs: number, action: () => void): void {
    if (name === 'now') {
      action();
      return;
    }
    const stop = this.backend.onCall((called) => {
      if (called !== name) return;
      stop();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        action();
      }, afterMs);
      this.timers.add(timer);
    });
    this.unwatch.push(stop);
  }

  killFunction(name: ServerFunction, afterMs: number): void {
    this.onNextCall(name, afterMs, () => {
      const killed = this.emulator.killFunction(name);
      this.done.push(`killed ${killed} ${name} instance(s)`);
    });
  }

  killEmulator(during: ServerFunction | 'now', afterMs: number, downMs: number): void {
    this.onNextCall(during, afterMs, () => {
      const previous = this.restarting;
      this.restarting = previous.then(async () => {
        await this.emulator.kill9();
        this.done.push(`emulator killed (${during}), down ${downMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, downMs));
        await this.emulator.restart();
      });
    });
  }

  /** Heal: no more armed faults; the emulator is up. */
  async heal(): Promise<void> {
    for (const stop of this.unwatch.splice(0)) stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.restarting;
  }
}
