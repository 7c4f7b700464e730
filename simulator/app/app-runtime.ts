import { ListenerSet } from '../core/listeners';
import { callHook } from '../page/page-handle';

export interface LaunchOptions {
  path: string;
  query: Record<string, string>;
  scene: number;
  referrerInfo: Record<string, unknown>;
}

/** App() registration, getApp(), the app-level show/hide/error events of one app run. */
export class AppRuntime {
  private app: Record<string, unknown> | undefined;
  readonly showListeners = new ListenerSet<LaunchOptions>();
  readonly hideListeners = new ListenerSet<void>();
  readonly errorListeners = new ListenerSet<string>();

  constructor(private readonly errors: string[]) {}

  /** The global `App` constructor: once per run; the options object becomes the app instance. */
  readonly App = (options: Record<string, unknown>): void => {
    if (this.app) throw new Error('App() may only be called once');
    this.app = options ?? {};
  };

  /** The global `getApp`: undefined until App() ran, as in the base library. */
  readonly getApp = (): Record<string, unknown> | undefined => this.app;

  /** Where errors thrown by app or page code end up (App.onError and wx.onError listeners). */
  readonly report = (error: unknown): void => {
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    this.errors.push(message);
    if (this.app && typeof this.app.onError === 'function')
      (this.app.onError as (m: string) => void)(message);
    this.errorListeners.emit(message);
  };

  launched(options: LaunchOptions): void {
    if (!this.app) return;
    callHook(this.app, 'onLaunch', [options], this.report);
    callHook(this.app, 'onShow', [options], this.report);
  }

  shown(options: LaunchOptions): void {
    if (this.app) callHook(this.app, 'onShow', [options], this.report);
    this.showListeners.emit(options);
  }

  hidden(): void {
    if (this.app) callHook(this.app, 'onHide', [], this.report);
    this.hideListeners.emit();
  }
}
