/** The scopes the simulator knows; `scope.record` is the only one the app uses. */
export type Scope = 'scope.record';

export const KNOWN_SCOPES: readonly Scope[] = ['scope.record'];

/** How the simulated student answers the platform's own prompts; a test sets these before the tap. */
export interface SimulatedUser {
  /** The system prompt of a first `authorize` / `RecorderManager.start`: true = allow. Default allow. */
  permissionPrompt: (scope: Scope) => boolean;
  /** WeChat's own privacy popup (only when the app registered no onNeedPrivacyAuthorization). Default agree. */
  privacyPopup: () => boolean;
  /** What the student does on the settings page `wx.openSetting` opens: returns the switches as left. */
  settingsPage: (authSetting: Record<string, boolean>) => Record<string, boolean>;
}

/**
 * The phone's side of the two gates in front of the microphone, kept across app runs as WeChat keeps
 * them on its servers: the privacy guide as declared in the admin console, the student's agreement,
 * and the authorization record per scope (absent = never asked).
 */
export class AccessState {
  privacyDeclared: boolean;
  privacyAgreed: boolean;
  privacyContractName: string;
  readonly authSetting: Partial<Record<Scope, boolean>> = {};
  /** Wall time of the last tap on a page: `wx.openSetting` works only right after one. */
  lastTapAt = Number.NEGATIVE_INFINITY;
  /** Ids of agreePrivacyAuthorization buttons tapped in this run (resolve({buttonId}) is checked against them). */
  readonly agreeButtonsTapped = new Set<string>();
  /** What the platform showed: the system permission prompt, the privacy popup, settings, the contract. */
  readonly shown: string[] = [];
  readonly user: SimulatedUser = {
    permissionPrompt: () => true,
    privacyPopup: () => true,
    settingsPage: (authSetting) => authSetting,
  };

  constructor(options: AccessOptions = {}) {
    this.privacyDeclared = options.privacyDeclared ?? true;
    this.privacyAgreed = options.privacyAgreed ?? true;
    this.privacyContractName = options.privacyContractName ?? '《朗读录音小程序隐私保护指引》';
    if (options.record !== undefined) this.authSetting['scope.record'] = options.record;
  }

  /** `wx.getSetting`'s view: only the scopes the app has asked for. */
  asked(): Record<string, boolean> {
    return { ...this.authSetting } as Record<string, boolean>;
  }

  /** Flips a switch as the student would in WeChat's settings while the app is closed (or reset it to unasked). */
  setPermission(scope: Scope, granted: boolean | undefined): void {
    if (granted === undefined) delete this.authSetting[scope];
    else this.authSetting[scope] = granted;
  }
}

export interface AccessOptions {
  /** The microphone is declared in the privacy guide (default true). false: errno 112. */
  privacyDeclared?: boolean;
  /** The student already agreed to the privacy guide (default true: a returning student). */
  privacyAgreed?: boolean;
  privacyContractName?: string;
  /** `scope.record` as already recorded: true granted, false denied; absent = never asked. */
  record?: boolean;
}
