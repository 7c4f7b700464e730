import type {
  AudioPort,
  LifecyclePort,
  NetworkPort,
  PlatformPort,
  StoragePort,
} from '../../../miniprogram/recorder/port';
import { FakeClock } from './fake-clock';
import { FakeCloud } from './fake-cloud';
import { MemoryFiles } from './fake-files';
import { FakeRecorder } from './fake-recorder';

/** wx storage in memory with the real limits: 1 MB per key, 10 MB in all (or less, to test a full phone). */
export class MemoryStorage implements StoragePort {
  readonly data = new Map<string, string>();
  /** Every write in order, for asserting what the journal said before a side effect. */
  readonly writes: string[] = [];
  totalLimitBytes = 10 * 1024 * 1024;

  get(key: string): string | undefined {
    return this.data.get(key);
  }

  set(key: string, value: string): void {
    if (key.length + value.length > 1024 * 1024)
      throw { errMsg: 'setStorageSync:fail entry size limit reached' };
    const others =
      this.usedBytes() - (this.data.has(key) ? key.length + (this.data.get(key) as string).length : 0);
    if (others + key.length + value.length > this.totalLimitBytes)
      throw { errMsg: 'setStorageSync:fail exceed storage max size 10Mb' };
    this.data.set(key, value);
    this.writes.push(key);
  }

  remove(key: string): void {
    this.data.delete(key);
  }

  keys(): string[] {
    return [...this.data.keys()];
  }

  usedBytes(): number {
    let total = 0;
    for (const [key, value] of this.data) total += key.length + value.length;
    return total;
  }
}

export class FakeNetwork implements NetworkPort {
  online = true;
  private listeners: Array<(online: boolean) => void> = [];

  async isOnline(): Promise<boolean> {
    return this.online;
  }

  onChange(listener: (online: boolean) => void): void {
    this.listeners.push(listener);
  }

  set(online: boolean): void {
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
}

export class FakeAudio implements AudioPort {
  readonly played: string[] = [];
  private ended: (() => void) | undefined;

  play(src: string, onEnded: () => void): void {
    this.played.push(src);
    this.ended = onEnded;
  }

  stop(): void {
    this.ended = undefined;
  }

  finishCurrent(): void {
    const ended = this.ended;
    this.ended = undefined;
    ended?.();
  }
}

export class FakeLifecycle implements LifecyclePort {
  private hideListeners: Array<() => void> = [];
  screenOn = false;

  onAppHide(listener: () => void): void {
    this.hideListeners.push(listener);
  }

  onAppShow(): void {}

  keepScreenOn(on: boolean): void {
    this.screenOn = on;
  }

  hide(): void {
    for (const listener of this.hideListeners) listener();
  }
}

export interface FakePlatform extends PlatformPort {
  recorder: FakeRecorder;
  files: MemoryFiles;
  storage: MemoryStorage;
  network: FakeNetwork;
  cloud: FakeCloud;
  audio: FakeAudio;
  lifecycle: FakeLifecycle;
  clock: FakeClock;
}

/** A fresh phone. Pass `from` to relaunch: storage and saved files survive, memory and listeners do not. */
export function createFakePlatform(from?: FakePlatform): FakePlatform {
  const files = from?.files ?? new MemoryFiles();
  const clock = new FakeClock();
  if (from) clock.advance(from.clock.now() - clock.now());
  // The cloud is the server: it outlives the phone's app.
  const cloud = from?.cloud ?? new FakeCloud(files);
  return {
    recorder: new FakeRecorder(),
    files,
    storage: from?.storage ?? new MemoryStorage(),
    network: new FakeNetwork(),
    cloud,
    audio: new FakeAudio(),
    lifecycle: new FakeLifecycle(),
    clock,
  };
}

/** Lets every pending promise chain run (the queue's awaits), without moving the fake clock. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
