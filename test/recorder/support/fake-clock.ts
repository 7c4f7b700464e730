import type { CancelTimer, ClockPort } from '../../../miniprogram/recorder/port';

/** A manual clock: time moves only when a test says so, timers fire in order as it passes them. */
export class FakeClock implements ClockPort {
  private time = 1_700_000_000_000;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 0;
  randomValue = 0.5;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): CancelTimer {
    const id = (this.nextId += 1);
    this.timers.push({ at: this.time + ms, callback, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  random(): number {
    return this.randomValue;
  }

  async randomBytes(count: number): Promise<Uint8Array> {
    const bytes = new Uint8Array(count);
    for (let i = 0; i < count; i += 1) bytes[i] = Math.floor(Math.random() * 256);
    return bytes;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers (earliest first). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
}
