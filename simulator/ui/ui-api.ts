import { randomBytes } from 'node:crypto';
import { asyncApi, type ApiContext } from '../core/api-context';
import { toArrayBuffer } from '../fs/binary';
import { WxFailure } from '../core/wx-result';

export interface UiCall {
  api: string;
  options: Record<string, unknown>;
}

export interface ModalAnswer {
  confirm: boolean;
  /** For editable modals. */
  content?: string;
}

/** What the user currently sees and every UI call the app made, for tests to assert on. */
export class UiLog {
  readonly calls: UiCall[] = [];
  keepScreenOn = false;
  loading: string | null = null;
  navigationBarTitle = '';
  /** How the simulated user answers showModal; confirm by default. */
  answerModal: (options: Record<string, unknown>) => ModalAnswer = () => ({ confirm: true });

  record(api: string, options: object = {}): void {
    this.calls.push({ api, options: { ...(options as Record<string, unknown>) } });
  }

  /** The calls of one API, e.g. `ui.callsOf('showToast').map(c => c.options.title)`. */
  callsOf(api: string): UiCall[] {
    return this.calls.filter((call) => call.api === api);
  }

  reset(): void {
    this.keepScreenOn = false;
    this.loading = null;
  }
}

function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new WxFailure(`parameter error: parameter.${name} should be String`);
  return value;
}

/** showToast / showModal / showLoading / hideLoading / setKeepScreenOn / setNavigationBarTitle. */
export function createUiApi(ctx: ApiContext, log: UiLog) {
  const logged = <O extends object, R extends object>(api: string, apply: (o: O) => R) =>
    asyncApi(ctx, api, (o: O) => {
      log.record(api, o);
      return apply(o);
    });
  return {
    showToast: logged(
      'showToast',
      (o: { title: string; icon?: string; duration?: number; mask?: boolean }) => (
        requireString(o.title, 'title'),
        {}
      ),
    ),
    hideToast: logged('hideToast', () => ({})),
    showModal: logged('showModal', (o: Record<string, unknown>) => {
      const answer = log.answerModal(o);
      return { confirm: answer.confirm, cancel: !answer.confirm, content: answer.content };
    }),
    showLoading: logged('showLoading', (o: { title: string }) => {
      log.loading = requireString(o.title, 'title');
      return {};
    }),
    hideLoading: logged('hideLoading', () => {
      log.loading = null;
      return {};
    }),
    setKeepScreenOn: logged('setKeepScreenOn', (o: { keepScreenOn: boolean }) => {
      log.keepScreenOn = Boolean(o.keepScreenOn);
      return {};
    }),
    setNavigationBarTitle: logged('setNavigationBarTitle', (o: { title: string }) => {
      log.navigationBarTitle = requireString(o.title, 'title');
      return {};
    }),
  };
}

/** A phone-sized screen (iPhone 12-like) for getSystemInfoSync / getWindowInfo. */
const WINDOW = {
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 844,
  statusBarHeight: 47,
};

/** Documented upper bound for wx.getRandomValues `length`. */
const MAX_RANDOM_BYTES = 1048576;

export function createDeviceApi(ctx: ApiContext) {
  const windowInfo = () => ({
    ...WINDOW,
    screenTop: 0,
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  });
  return {
    getRandomValues: asyncApi(ctx, 'getRandomValues', (o: { length: number }) => {
      if (!Number.isInteger(o.length) || o.length <= 0 || o.length > MAX_RANDOM_BYTES) {
        throw new WxFailure(`invalid length ${String(o.length)}`);
      }
      return { randomValues: toArrayBuffer(randomBytes(o.length)) };
    }),
    getWindowInfo: windowInfo,
    getSystemInfoSync: () => ({
      ...windowInfo(),
      brand: 'simulator',
      model: 'wx-sim',
      system: 'iOS 17.0',
      platform: 'ios',
      version: '8.0.50',
      SDKVersion: '3.5.0',
      language: 'zh_CN',
      fontSizeSetting: 16,
    }),
  };
}
