/**
 * The one seam between the recorder core and the platform. `platform/wx-port.ts` implements it over the
 * `wx` global; tests implement it in memory. Everything here is what the core needs, nothing more.
 *
 * The core imports `typings/` with `import type` only: WeChat DevTools packages nothing outside
 * `miniprogram/`, so runtime values from there would be missing on a phone.
 */

export interface RecorderStartOptions {
  sampleRate: number;
  numberOfChannels: number;
  encodeBitRate: number;
  /** KB of PCM per `onFrame` callback. */
  frameSizeKB: number;
  /** The platform stops by itself after this many ms (max 600000). */
  durationMs: number;
}

export interface RecorderListeners {
  onStart(): void;
  onPause(): void;
  onResume(): void;
  /** Fired after `stop()` and also when the platform stops by itself (duration cap, screen lock). */
  onStop(): void;
  onFrame(frame: ArrayBuffer): void;
  onError(message: string): void;
  onInterruptionBegin(): void;
  onInterruptionEnd(): void;
}

export interface RecorderPort {
  listen(listeners: RecorderListeners): void;
  start(options: RecorderStartOptions): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

/** Synchronous on purpose: each frame is on disk before the next arrives, and ordering is trivial. */
export interface FilesPort {
  /** `wx.env.USER_DATA_PATH`: survives restarts, unlike temp files. */
  readonly rootDir: string;
  ensureDir(dirPath: string): void;
  append(filePath: string, data: ArrayBuffer): void;
  write(filePath: string, data: ArrayBuffer): void;
  read(filePath: string): ArrayBuffer;
  exists(filePath: string): boolean;
  remove(filePath: string): void;
}

/** wx storage, string values only (the journal serialises itself). `set` throws when a limit is hit. */
export interface StoragePort {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface NetworkPort {
  isOnline(): Promise<boolean>;
  onChange(listener: (online: boolean) => void): void;
}

export interface CloudPort {
  /** Resolves to the fileID; rejects on transport failure. */
  uploadFile(cloudPath: string, filePath: string): Promise<string>;
  /** Resolves to the function's return value (our envelope); rejects when the call itself failed. */
  callFunction(name: string, data: object): Promise<unknown>;
}

export interface AudioPort {
  /** Plays `src` (a local path or URL); `onEnded` fires when it finishes naturally. */
  play(src: string, onEnded: () => void): void;
  stop(): void;
}

export interface LifecyclePort {
  onAppHide(listener: () => void): void;
  onAppShow(listener: () => void): void;
  keepScreenOn(on: boolean): void;
}

export type CancelTimer = () => void;

export interface ClockPort {
  now(): number;
  setTimeout(callback: () => void, ms: number): CancelTimer;
  /** Uniform in [0, 1): jitter for retries. */
  random(): number;
  randomBytes(count: number): Promise<Uint8Array>;
}

export interface PlatformPort {
  recorder: RecorderPort;
  files: FilesPort;
  storage: StoragePort;
  network: NetworkPort;
  cloud: CloudPort;
  audio: AudioPort;
  lifecycle: LifecyclePort;
  clock: ClockPort;
}
