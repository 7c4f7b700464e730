import { okMsg, toApiError, type WxFailResult } from './wx-result';

/** The success/fail/complete trio every async wx API accepts. */
export interface CallbackOptions<R = unknown> {
  success?: (res: R) => void;
  fail?: (res: WxFailResult) => void;
  complete?: (res: R | WxFailResult) => void;
}

export type Deferrer = (fn: () => void) => void;

function hasCallbacks(options: CallbackOptions<never> | undefined): boolean {
  return Boolean(options && (options.success || options.fail || options.complete));
}

/**
 * Runs an async wx API the way the base library does: callbacks fire on a later tick; without any
 * callback, APIs that support "Promise style" return a Promise that resolves with the success result
 * and rejects with the fail result object (not an Error).
 */
export function runWxAsync<R extends object>(
  api: string,
  options: CallbackOptions<R & { errMsg: string }> | undefined,
  work: () => R | Promise<R>,
  settings: { promise: boolean; defer: Deferrer; rejectWithError?: boolean },
): Promise<R & { errMsg: string }> | undefined {
  const outcome = Promise.resolve()
    .then(work)
    .then(
      (res) => ({ ok: true as const, res: { ...res, errMsg: okMsg(api) } }),
      (err: unknown) => {
        const error = toApiError(api, err);
        // wx.cloud rejects with Error objects carrying errCode/errMsg; plain wx APIs with the result object.
        return { ok: false as const, err: settings.rejectWithError ? error : error.toResult() };
      },
    );
  if (!hasCallbacks(options)) {
    if (!settings.promise) {
      // APIs without Promise style still run; their result is simply dropped.
      void outcome;
      return undefined;
    }
    // Settled through the app's deferrer too: a killed app never hears back, as a dead process would not.
    return new Promise((resolve, reject) => {
      void outcome.then((o) => settings.defer(() => (o.ok ? resolve(o.res) : reject(o.err))));
    });
  }
  void outcome.then((o) =>
    settings.defer(() => {
      if (o.ok) options?.success?.(o.res);
      else options?.fail?.(o.err);
      options?.complete?.(o.ok ? o.res : o.err);
    }),
  );
  return undefined;
}
