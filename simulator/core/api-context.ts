import type { AppTimers } from './app-timers';
import { runWxAsync, type CallbackOptions } from './callback-api';
import { toApiError, type WxFailResult } from './wx-result';

/** What every API family needs from the running app: its timers (callbacks die with the app). */
export interface ApiContext {
  timers: AppTimers;
}

type WithCallback<R> =
  | { success: (res: R) => void }
  | { fail: (res: WxFailResult) => void }
  | { complete: (res: R | WxFailResult) => void };

/** A Promise-style wx API: with any callback it returns undefined, without one a Promise. */
export interface WxAsyncFn<O, R> {
  (options: O & CallbackOptions<R> & WithCallback<R>): undefined;
  (options?: O): Promise<R>;
}

/** A wx API without Promise style (FileSystemManager): callbacks only, always returns undefined. */
export type WxCallbackFn<O, R> = (options?: O & CallbackOptions<R>) => undefined;

type Result<R> = R & { errMsg: string };

/** Builds a Promise-style `wx.name(options)` from a function of the options. */
export function asyncApi<O extends object, R extends object>(
  ctx: ApiContext,
  api: string,
  work: (options: O) => R | Promise<R>,
): WxAsyncFn<O, Result<R>> {
  const fn = (options?: O & CallbackOptions<Result<R>>) =>
    runWxAsync<R>(api, options, () => work((options ?? {}) as O), { promise: true, defer: ctx.timers.defer });
  return fn as WxAsyncFn<O, Result<R>>;
}

/** Builds a callback-only `manager.name(options)`: no Promise, as the docs say for FileSystemManager. */
export function callbackApi<O extends object, R extends object>(
  ctx: ApiContext,
  api: string,
  work: (options: O) => R | Promise<R>,
): WxCallbackFn<O, Result<R>> {
  return (options) =>
    runWxAsync<R>(api, options, () => work((options ?? {}) as O), {
      promise: false,
      defer: ctx.timers.defer,
    }) as undefined;
}

/** Builds `wx.nameSync(...)`: failures throw an Error whose message is `nameSync:fail reason`. */
export function syncApi<A extends unknown[], R>(api: string, work: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return work(...args);
    } catch (err) {
      throw toApiError(api, err);
    }
  };
}
