import { AccessGate } from '../access/access-gate';
import { AppTimers } from '../core/app-timers';
import { ListenerSet } from '../core/listeners';
import type { NetworkStatus } from '../core/network-state';
import { createHeadlessPage } from '../page/headless-page';
import type { PageHandle } from '../page/page-handle';
import { PageRegistry } from '../page/page-registry';
import { PageStack } from '../page/page-stack';
import { createRenderedPage } from '../page/rendered-page';
import { SimRecorderManager } from '../recorder/recorder-manager';
import { AppRuntime, type LaunchOptions } from './app-runtime';
import { buildWx, type SimWx } from './build-wx';
import type { SharedWorld } from './shared-world';

export interface RunOptions {
  /** The mini program folder (holds app.json); needed to open pages. */
  root?: string;
  /** Render pages with miniprogram-simulate (jsdom) instead of running them headless. */
  render: boolean;
}

/**
 * One run of the app, from cold start to kill: its own wx object, timers, recorder, listeners,
 * App instance and page stack. Nothing here survives a kill.
 */
export class AppRun {
  readonly timers = new AppTimers();
  readonly runtime: AppRuntime;
  readonly registry = new PageRegistry();
  readonly pages: PageStack;
  readonly recorder: SimRecorderManager;
  readonly wx: SimWx;
  readonly gate: AccessGate;
  private readonly networkListeners = new ListenerSet<NetworkStatus>();
  // Network changes reach the app's listeners on a later tick, as platform events do.
  private readonly forwardNetwork = (status: NetworkStatus) =>
    this.timers.defer(() => this.networkListeners.emit(status));

  constructor(
    private readonly world: SharedWorld,
    private readonly options: RunOptions,
  ) {
    this.runtime = new AppRuntime(world.appErrors);
    this.pages = new PageStack((route, query) => this.openPage(route, query), this.runtime.report);
    this.gate = new AccessGate(world.access, this.timers);
    this.recorder = new SimRecorderManager(this.timers, world.vfs, world.recorder, this.gate);
    const ctx = { timers: this.timers };
    this.wx = buildWx({
      ctx,
      world,
      runtime: this.runtime,
      recorder: this.recorder,
      pages: this.pages,
      networkListeners: this.networkListeners,
      gate: this.gate,
    });
    world.network.changes.add(this.forwardNetwork);
  }

  private openPage(route: string, query: Record<string, string>): PageHandle {
    const page = this.buildPage(route, query);
    const tap = page.tap.bind(page);
    // A tap is a user gesture: APIs such as wx.openSetting work only right after one.
    return Object.assign(page, {
      tap: (selector: string, dataset?: Record<string, unknown>) => {
        this.world.access.lastTapAt = Date.now();
        return tap(selector, dataset);
      },
    });
  }

  private buildPage(route: string, query: Record<string, string>): PageHandle {
    const definition = this.registry.get(route);
    if (this.options.render) {
      if (!this.options.root) throw new Error('rendering pages needs the app root folder');
      return createRenderedPage(this.options.root, route, query, definition);
    }
    return createHeadlessPage(route, query, definition, this.timers.defer);
  }

  /** The globals a mini program sees. */
  globals(): Record<string, unknown> {
    return {
      wx: this.wx,
      App: this.runtime.App,
      Page: this.registry.Page,
      getApp: this.runtime.getApp,
      getCurrentPages: () => this.pages.pages.map((page) => page.instance),
      ...this.timers.globals(),
    };
  }

  /** The app goes to the background: Page.onHide, App.onHide, wx.onAppHide; the recorder reacts. */
  hide(): void {
    this.pages.hideTop();
    this.runtime.hidden();
    this.recorder.appHidden();
  }

  show(options: LaunchOptions): void {
    this.runtime.shown(options);
    this.pages.showTop();
  }

  /** The process dies: no hooks, no events; timers and listeners are gone. */
  dispose(): void {
    this.recorder.abandon();
    this.timers.dispose();
    this.pages.drop();
    this.world.network.changes.remove(this.forwardNetwork);
  }
}
