import type { AppTimers } from '../core/app-timers';
import { WxFailure } from '../core/wx-result';
import type { AccessState, Scope } from './access-state';

export const NOT_DECLARED = 'api scope is not declared in the privacy agreement';
export const NOT_AUTHORIZED = 'privacy permission is not authorized';
export const AUTH_DENY = 'auth deny';

export interface PrivacyResolveOptions {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  buttonId?: string;
}

export type PrivacyResolve = (options: PrivacyResolveOptions) => void;
export type NeedPrivacyListener = (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void;

/**
 * One app run's view of the gates: privacy first (declared? agreed? ask the app's sheet or WeChat's
 * popup), then the scope's authorization (granted, denied for good, or a first-time prompt).
 * A privacy API waits (pending) while the app shows its sheet, as the docs describe.
 */
export class AccessGate {
  private readonly needListeners: NeedPrivacyListener[] = [];

  /**
   * `wx.onNeedPrivacyAuthorization`: registering switches WeChat's popup off in favour of the app's
   * sheet. "覆盖式注册监听": only the last registration counts.
   */
  readonly onNeed = (listener: NeedPrivacyListener): void => {
    if (typeof listener !== 'function') return;
    this.needListeners.length = 0;
    this.needListeners.push(listener);
  };

  constructor(
    private readonly state: AccessState,
    private readonly timers: AppTimers,
  ) {}

  /** The privacy step alone (`wx.requirePrivacyAuthorize`); rejects with a WxFailure. */
  async privacy(referrer: string): Promise<void> {
    const state = this.state;
    if (!state.privacyDeclared) throw new WxFailure(NOT_DECLARED, { errno: 112 });
    if (state.privacyAgreed) return;
    const agreed = this.needListeners.length > 0 ? await this.askApp(referrer) : this.officialPopup();
    if (!agreed) throw new WxFailure(NOT_AUTHORIZED);
    state.privacyAgreed = true;
  }

  /** Both gates, as a privacy API that needs a scope (`RecorderManager.start`, `authorize`) meets them. */
  async request(referrer: string, scope: Scope): Promise<void> {
    await this.privacy(referrer);
    const recorded = this.state.authSetting[scope];
    if (recorded === true) return;
    if (recorded === false) throw new WxFailure(AUTH_DENY);
    this.state.shown.push(`permissionPrompt:${scope}`);
    const allowed = this.state.user.permissionPrompt(scope);
    this.state.authSetting[scope] = allowed;
    if (!allowed) throw new WxFailure(AUTH_DENY);
  }

  private officialPopup(): boolean {
    this.state.shown.push('privacyPopup');
    return this.state.user.privacyPopup();
  }

  /** Fires onNeedPrivacyAuthorization and waits for the app's resolve({event}). */
  private askApp(referrer: string): Promise<boolean> {
    return new Promise((settle) => {
      let done = false;
      const resolve: PrivacyResolve = (options) => {
        if (done || options.event === 'exposureAuthorization') return;
        done = true;
        // The base library checks that the named agree button was really tapped.
        const tapped = options.buttonId !== undefined && this.state.agreeButtonsTapped.has(options.buttonId);
        settle(options.event === 'agree' && tapped);
      };
      this.timers.defer(() => this.needListeners.forEach((listener) => listener(resolve, { referrer })));
    });
  }
}
