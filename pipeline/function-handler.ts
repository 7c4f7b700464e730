/**
 * The shape every cloud function shares: identity from `cloud.getWXContext()` (never from the payload),
 * the work, and the `{ ok, data } | { ok: false, error }` envelope. Handlers stay one line long.
 */
import { fail, ok, toErrorBody, type Envelope } from '../typings/errors';
import { createLogger } from './log';

interface WxContextSource {
  getWXContext(): { OPENID?: string };
}

export type FunctionWork<T> = (event: Record<string, unknown>, openid: string | undefined) => Promise<T>;

export function cloudFunction<T>(name: string, cloud: WxContextSource, work: FunctionWork<T>) {
  const log = createLogger(`fn:${name}`);
  return async function main(event: Record<string, unknown>): Promise<Envelope<T>> {
    const started = Date.now();
    const { OPENID } = cloud.getWXContext();
    // wx.cloud.callFunction adds `userInfo` to the event; it is informational and never trusted.
    const { userInfo: _userInfo, ...payload } = event ?? {};
    try {
      const data = await work(payload, OPENID);
      log.info('ok', { openid: OPENID, ms: Date.now() - started });
      return ok(data);
    } catch (err) {
      const error = toErrorBody(err);
      log.warn('failed', {
        openid: OPENID,
        code: error.code,
        message: error.message,
        ms: Date.now() - started,
      });
      return fail(error);
    }
  };
}
