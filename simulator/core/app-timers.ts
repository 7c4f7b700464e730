import * as nodeTimers from 'node:timers';

type Handle = ReturnType<typeof setTimeout>;

/**
 * Timers that belong to the running app. Killing the app clears every one of them, the way a real
 * process exit would, so nothing scheduled by a dead app fires into the next launch.
 */
export class AppTimers {
  private readonly timeouts = new Set<Handle>();
  private readonly intervals = new Set<Handle>();
  // Node's own timers: the globals may be another run's wrappers (installed by the simulator).
  private readonly native = nodeTimers;

  private disposed = false;

  setTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Handle => {
    // A dead app schedules nothing: late promise continuations must not reach the next launch.
    if (this.disposed) return this.native.setTimeout(() => undefined, 0);
    const handle: Handle = this.native.setTimeout(() => {
      this.timeouts.delete(handle);
      this.runOwned(fn, args);
    }, ms);
    this.timeouts.add(handle);
    return handle;
  };

  // Node clears timeouts and intervals alike, so one function serves both globals.
  private readonly clear = (handle?: Handle): void => {
    if (handle === undefined) return;
    this.timeouts.delete(handle);
    this.intervals.delete(handle);
    this.native.clearTimeout(handle);
  };

  clearTimeout = this.clear;

  setInterval = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): Handle => {
    if (this.disposed) return this.native.setTimeout(() => undefined, 0);
    const handle = this.native.setInterval(() => this.runOwned(fn, args), ms);
    this.intervals.add(handle);
    return handle;
  };

  clearInterval = this.clear;

  /**
   * Runs a callback of this app. If the app was killed while it ran (a kill between two statements), the
   * rest of it is a dead process's code: what it throws goes nowhere, as nothing of a dead process reports.
   */
  private runOwned(fn: (...args: unknown[]) => void, args: unknown[]): void {
    try {
      fn(...args);
    } catch (err) {
      if (!this.disposed) throw err;
    }
  }

  /** Runs `fn` on a later macrotask, as the base library delivers callbacks. */
  defer = (fn: () => void): void => {
    this.setTimeout(fn, 0);
  };

  /** Resolves after `ms` of wall time on an app timer (dropped, never resolved, if the app is killed). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(() => resolve(), ms));
  }

  /** True once the app that owned these timers was killed. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  get pending(): number {
    return this.timeouts.size + this.intervals.size;
  }

  /** Clears everything and refuses new timers: the app that owned them is gone. */
  dispose(): void {
    this.clearAll();
    this.disposed = true;
  }

  clearAll(): void {
    for (const handle of this.timeouts) this.native.clearTimeout(handle);
    for (const handle of this.intervals) this.native.clearInterval(handle);
    this.timeouts.clear();
    this.intervals.clear();
  }

  /** The globals an app sees; installed by the simulator so app timers die with the app. */
  globals(): Record<'setTimeout' | 'clearTimeout' | 'setInterval' | 'clearInterval', unknown> {
    return {
      setTimeout: this.setTimeout,
      clearTimeout: this.clearTimeout,
      setInterval: this.setInterval,
      clearInterval: this.clearInterval,
    };
  }
}
