import { asyncApi, callbackApi, type ApiContext } from '../core/api-context';
import { WxFailure } from '../core/wx-result';
import type { AccessGate } from './access-gate';
import { KNOWN_SCOPES, type AccessState, type Scope } from './access-state';

/** `wx.openSetting` needs a tap first (base library 2.3.0+); a tap this recent (wall ms) still counts. */
export const TAP_GESTURE_WINDOW_MS = 1000;

function knownScope(scope: unknown): Scope {
  if (!KNOWN_SCOPES.includes(scope as Scope)) throw new WxFailure('invalid scope');
  return scope as Scope;
}

/** The settings page shows only scopes already asked for; the student may flip those, nothing else. */
function applySettings(state: AccessState, after: Record<string, boolean>): void {
  for (const scope of KNOWN_SCOPES) {
    const value = after[scope];
    if (state.authSetting[scope] !== undefined && typeof value === 'boolean')
      state.authSetting[scope] = value;
  }
}

/**
 * Privacy (getPrivacySetting, onNeedPrivacyAuthorization, requirePrivacyAuthorize, openPrivacyContract:
 * callbacks only, "以 Promise 风格 调用：不支持") and authorization (getSetting, authorize, openSetting:
 * Promise style supported).
 */
export function createAccessApi(ctx: ApiContext, state: AccessState, gate: AccessGate) {
  return {
    getPrivacySetting: callbackApi(ctx, 'getPrivacySetting', () => ({
      needAuthorization: state.privacyDeclared && !state.privacyAgreed,
      privacyContractName: state.privacyContractName,
    })),
    onNeedPrivacyAuthorization: gate.onNeed,
    requirePrivacyAuthorize: callbackApi(ctx, 'requirePrivacyAuthorize', async () => {
      // Nothing declared means nothing to agree to (getPrivacySetting says false); the real API then fails 112.
      if (state.privacyDeclared) await gate.privacy('requirePrivacyAuthorize');
      return {};
    }),
    openPrivacyContract: callbackApi(ctx, 'openPrivacyContract', () => {
      state.shown.push('privacyContract');
      return {};
    }),
    getSetting: asyncApi(ctx, 'getSetting', () => ({ authSetting: state.asked() })),
    authorize: asyncApi(ctx, 'authorize', async (o: { scope: string }) => {
      await gate.request('authorize', knownScope(o.scope));
      return {};
    }),
    openSetting: asyncApi(ctx, 'openSetting', () => {
      if (Date.now() - state.lastTapAt > TAP_GESTURE_WINDOW_MS)
        throw new WxFailure('can only be invoked by user TAP gesture.');
      state.shown.push('settings');
      applySettings(state, state.user.settingsPage(state.asked()));
      return { authSetting: state.asked() };
    }),
  };
}
