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
  /**
   * Overwrites bytes at `position` inside the file (`openSync` r+, `writeSync` at a position): a file that
   * does not grow needs no free space, so a full phone can still seal a segment.
   */
  writeAt(filePath: string, position: number, data: ArrayBuffer): void;
  /** Cuts the file to `length` bytes (frees space, never needs any). */
  truncate(filePath: string, length: number): void;
  /** The file's length in bytes. */
  size(filePath: string): number;
  read(filePath: string): ArrayBuffer;
  exists(filePath: string): boolean;
  remove(filePath: string): void;
  /** Names of the entries directly inside `dirPath` ([] when it does not exist). */
  list(dirPath: string): string[];
}

/** wx storage, string values only (the journal serialises itself). `set` throws when a limit is hit. */
export interface StoragePort {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Every key the app stored (`wx.getStorageInfoSync().keys`). */
  keys(): string[];
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
  /** Plays `src` (a local path or URL) from `startSec` (default 0); `onEnded` fires when it finishes naturally. */
  play(src: string, onEnded: () => void, startSec?: number): void;
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

/** `scope.record` as WeChat recorded it: never asked, granted, or denied (a denial stays until Settings). */
export type MicPermission = 'unasked' | 'granted' | 'denied';

/** A wx failure as the platform reports it; `errno` 112 = not declared in the privacy guide. */
export interface PlatformFailure {
  errMsg: string;
  errno?: number;
}

/** The app's answer to WeChat's wait for the privacy agreement (`onNeedPrivacyAuthorization`'s resolve). */
export interface PrivacyRequest {
  /** After the `agreePrivacyAuthorization` button with this id was tapped. */
  agree(buttonId: string): void;
  disagree(): void;
}

/**
 * The two gates in front of the microphone: WeChat's privacy agreement and the `scope.record`
 * permission. Every method rejects with a PlatformFailure.
 */
export interface AccessPort {
  /** The app shows its own agreement sheet from now on; WeChat calls `listener` when it needs one. */
  onPrivacyNeeded(listener: (request: PrivacyRequest) => void): void;
  /** Resolves once the student agreed (at once if they already had). */
  requirePrivacy(): Promise<void>;
  openPrivacyContract(): Promise<void>;
  micPermission(): Promise<MicPermission>;
  /** The system prompt the first time; fails at once after a denial. */
  authorizeMic(): Promise<void>;
  /** WeChat's settings page for this app (only from a tap); resolves with the permission as the student left it. */
  openSettings(): Promise<MicPermission>;
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
  /** Absent on platforms without these gates (tests' in-memory port): the microphone is simply there. */
  access?: AccessPort;
}
