import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as nativeSetTimeout } from 'node:timers';
import { AppError, ErrorCode } from '../typings/errors';
import { loadAppModules, requireCacheIsolator } from './app/app-loader';
import { AccessState, type AccessOptions } from './access/access-state';
import { tapAgreeButton } from './access/agree-button';
import { AppRun } from './app/app-run';
import type { LaunchOptions } from './app/app-runtime';
import type { SharedWorld } from './app/shared-world';
import { CloudFaults } from './cloud/cloud-faults';
import type { CloudBinding } from './cloud/wx-cloud';
import { NetworkState } from './core/network-state';
import { SavedFiles } from './fs/saved-files';
import { VirtualFs } from './fs/virtual-fs';
import { VirtualPaths } from './fs/virtual-paths';
import type { PageHandle } from './page/page-handle';
import { parseUrl } from './page/page-stack';
import { loadSimulate } from './page/rendered-page';
import { WavMicrophone, type MicEndBehaviour } from './recorder/mic-source';
import type { RecorderSimSettings } from './recorder/recorder-settings';
import type { WxSimulatorOptions } from './simulator-options';
import { StorageArea } from './storage/storage-area';
import { UiLog } from './ui/ui-api';

function positive(name: string, value: number): number {
  if (!(value > 0))
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `${name} must be a positive number, got ${value}`);
  return value;
}

function recorderSettings(options: WxSimulatorOptions, mic: () => WavMicrophone | null): RecorderSimSettings {
  const r = options.recorder ?? {};
  return {
    microphone: mic,
    speed: positive('speed', options.speed ?? 1),
    tickMs: positive('recorder.tickMs', r.tickMs ?? 100),
    whenHidden: r.whenHidden ?? 'stop',
    flushFrameOnPause: r.flushFrameOnPause ?? true,
    startDelayMs: Math.max(0, r.startDelayMs ?? 30),
  };
}

/** `recorder.micPermission` is the older spelling of `access.record`. */
function accessOptions(options: WxSimulatorOptions): AccessOptions {
  const legacy = options.recorder?.micPermission;
  const record = legacy === undefined ? undefined : legacy === 'granted';
  return { ...(record === undefined ? {} : { record }), ...options.access };
}

/** Globals the simulator installs, saved so uninstall() can put the previous ones back. */
const GLOBAL_NAMES = [
  'wx',
  'App',
  'Page',
  'getApp',
  'getCurrentPages',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
];

/**
 * A WeChat phone for tests and demos: `install()` puts wx/App/Page/getApp/getCurrentPages in the
 * globals, `launch()` cold-starts the mini program, and hide/show/kill/relaunch drive its lifecycle.
 */
export class WxSimulator {
  private readonly world: SharedWorld;
  private current: AppRun;
  private microphone: WavMicrophone | null = null;
  private cloudBinding: CloudBinding | null;
  private saved: Map<string, PropertyDescriptor | undefined> | null = null;
  private visible = true;
  private launched = false;
  private readonly ownsDataDir: boolean;
  readonly dataDir: string;

  constructor(private readonly options: WxSimulatorOptions = {}) {
    // Options are checked before anything is created on disk, so a refused simulator leaves nothing behind.
    const recorder = recorderSettings(options, () => this.microphone);
    if (options.microphone) this.setMicrophone(options.microphone.wav, options.microphone.onEnd);
    this.cloudBinding = options.cloud ?? null;
    this.ownsDataDir = !options.dataDir;
    this.dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wx-sim-'));
    const vfs = new VirtualFs(new VirtualPaths(this.dataDir, options.app?.root));
    this.world = {
      storage: new StorageArea(options.persistStorage ? path.join(this.dataDir, 'storage.json') : undefined),
      vfs,
      saved: new SavedFiles(vfs),
      network: new NetworkState(),
      faults: new CloudFaults(),
      cloud: () => this.cloudBinding,
      ui: new UiLog(),
      recorder,
      access: new AccessState(accessOptions(options)),
      audioPlayed: [],
      audioPlayedFrom: [],
      appErrors: [],
    };
    this.current = this.newRun();
  }

  private newRun(): AppRun {
    return new AppRun(this.world, {
      root: this.options.app?.root,
      render: this.options.app?.render ?? false,
    });
  }

  /** The running app's wx object. */
  get wx() {
    return this.current.wx;
  }

  // ---- globals ----------------------------------------------------------------------------

  install(): this {
    if (!this.saved) {
      this.saved = new Map(
        GLOBAL_NAMES.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]),
      );
    }
    for (const [name, value] of Object.entries(this.current.globals())) {
      Object.defineProperty(globalThis, name, {
        value,
        configurable: true,
        writable: true,
        enumerable: true,
      });
    }
    return this;
  }

  uninstall(): void {
    if (!this.saved) return;
    for (const [name, descriptor] of this.saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
    this.saved = null;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /** Cold start: load app and page modules, App.onLaunch/onShow, open the entry page (app.json's first, or `url`). */
  launch(url?: string): PageHandle {
    const app = this.options.app;
    if (!app)
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'launch() needs createWxSimulator({ app: { root } })');
    if (this.launched) throw new AppError(ErrorCode.CONFLICT, 'the app is already running: use relaunch()');
    this.launched = true;
    // miniprogram-simulate merges its stub wx into the global when first loaded: load it before ours goes in.
    if (app.render) loadSimulate();
    this.install();
    const appJson = loadAppModules(
      app.root,
      this.current.registry,
      app.isolate ?? requireCacheIsolator(app.root),
    );
    const entry = url ?? appJson.pages[0];
    this.visible = true;
    this.current.runtime.launched(this.launchOptions(entry));
    return this.current.pages.open(entry.startsWith('/') ? entry : `/${entry}`);
  }

  private launchOptions(url: string): LaunchOptions {
    const { route, query } = parseUrl(url);
    return { path: route, query, scene: 1001, referrerInfo: {} };
  }

  /** Home button / screen lock: Page.onHide, App.onHide, wx.onAppHide; the recorder follows `whenHidden`. */
  hide(): void {
    if (!this.visible) return;
    this.visible = false;
    this.current.hide();
  }

  /**
   * The phone's idle timeout: the screen locks (and the app is hidden) unless the app asked for
   * `wx.setKeepScreenOn({ keepScreenOn: true })`. Returns whether the screen locked.
   */
  idleScreenTimeout(): boolean {
    if (this.world.ui.keepScreenOn || !this.visible) return false;
    this.hide();
    return true;
  }

  show(): void {
    if (this.visible) return;
    this.visible = true;
    const top = this.current.pages.top;
    this.current.show(this.launchOptions(top ? top.route : ''));
  }

  /** The process dies: memory, listeners, timers and temp files are gone; storage and saved/user files stay. */
  kill(): void {
    this.current.dispose();
    this.world.vfs.dropTempFiles();
    this.world.ui.reset();
    this.current = this.newRun();
    this.launched = false;
    if (this.saved) this.install();
  }

  /** kill() then a cold start with fresh modules. */
  relaunch(url?: string): PageHandle {
    this.kill();
    return this.launch(url);
  }

  // ---- inspection and controls --------------------------------------------------------------

  get page(): PageHandle | undefined {
    return this.current.pages.top;
  }

  get pages(): PageHandle[] {
    return [...this.current.pages.pages];
  }

  get recorderState() {
    return this.current.recorder.currentState;
  }

  /** Whether the recorder has let go of audio the app may not hold yet (see SimRecorderManager). */
  get recorderHoldsUndeliveredAudio(): boolean {
    return this.current.recorder.holdsUndeliveredAudio;
  }

  get storage() {
    return this.world.storage;
  }

  get ui() {
    return this.world.ui;
  }

  get cloud() {
    return this.world.faults;
  }

  /** The privacy agreement, scope authorizations, the simulated student's answers and what WeChat showed. */
  get access() {
    return this.world.access;
  }

  /** The student taps the top page's `<button open-type="agreePrivacyAuthorization">` (found in its WXML). */
  async tapPrivacyAgree(): Promise<void> {
    const page = this.page;
    const root = this.options.app?.root;
    if (!page || !root) throw new AppError(ErrorCode.CONFLICT, 'tapPrivacyAgree() needs an open page');
    await tapAgreeButton(root, page, this.world.access);
  }

  get network() {
    return this.world.network;
  }

  get appErrors(): readonly string[] {
    return this.world.appErrors;
  }

  get audioPlayed(): readonly string[] {
    return this.world.audioPlayed;
  }

  /** The start position (s) of each source in `audioPlayed`. */
  get audioPlayedFrom(): readonly number[] {
    return this.world.audioPlayedFrom;
  }

  /** The real path behind a wx path (for tests that inspect files). */
  realPath(wxPath: string): string {
    const resolved = this.world.vfs.paths.resolve(wxPath);
    if (!resolved) throw new AppError(ErrorCode.INVALID_ARGUMENT, `not a sandbox path: ${wxPath}`);
    return resolved.real;
  }

  /** Names of the temp files that currently exist. */
  tempFiles(): string[] {
    return fs.readdirSync(this.world.vfs.paths.dirOf('tmp')).map((name) => `wxfile://${name}`);
  }

  setOnline(online: boolean): void {
    this.world.network.setOnline(online);
  }

  setMicrophone(wav: string, onEnd: MicEndBehaviour = 'silence'): void {
    this.microphone = new WavMicrophone(wav, onEnd);
  }

  get mic(): WavMicrophone | null {
    return this.microphone;
  }

  setCloud(binding: CloudBinding | null): void {
    this.cloudBinding = binding;
  }

  /** A phone call starts: onInterruptionBegin, then the recorder pauses. */
  beginInterruption(): void {
    this.current.recorder.beginInterruption();
  }

  endInterruption(): void {
    this.current.recorder.endInterruption();
  }

  /** Waits (on real timers, not the app's) until `predicate` holds; fails with `what` after `timeoutMs`. */
  async waitFor(predicate: () => boolean, what = 'condition', timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline)
        throw new Error(`wx-sim: timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => nativeSetTimeout(resolve, 10));
    }
  }

  /** Kills the app, restores globals and removes the data folder if the simulator made it. */
  dispose(): void {
    this.current.dispose();
    this.uninstall();
    if (this.ownsDataDir) fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function createWxSimulator(options: WxSimulatorOptions = {}): WxSimulator {
  return new WxSimulator(options);
}
