/**
 * The shape every cloud function shares: identity from `cloud.getWXContext()` (never from the payload),
 * the work, and the `{ ok, data } | { ok: false, error }` envelope. Handlers stay one line long.
 */
import { randomUUID } from 'node:crypto';
import { fail, isUnexpected, ok, toErrorBody, type Envelope } from '../typings/errors';
import { createLogger } from './log';

/** The platform's invocation context (SCF passes `request_id`); absent when called directly. */
interface InvocationContext {
  request_id?: string;
}

interface WxContextSource {
  getWXContext(): { OPENID?: string };
}

export type FunctionWork<T> = (event: Record<string, unknown>, openid: string | undefined) => Promise<T>;

export function cloudFunction<T>(name: string, cloud: WxContextSource, work: FunctionWork<T>) {
  const log = createLogger(`fn:${name}`);
  return async function main(
    event: Record<string, unknown>,
    context?: InvocationContext,
  ): Promise<Envelope<T>> {
    const started = Date.now();
    const requestId = context?.request_id ?? randomUUID();
    const { OPENID } = cloud.getWXContext();
    // wx.cloud.callFunction adds `userInfo` to the event; it is informational and never trusted.
    const { userInfo: _userInfo, ...payload } = event ?? {};
    try {
      const data = await work(payload, OPENID);
      log.info('ok', { openid: OPENID, ms: Date.now() - started });
      return ok(data);
    } catch (err) {
      const error = toErrorBody(err, requestId);
      const fields = { openid: OPENID, requestId, code: error.code, ms: Date.now() - started };
      // A bug is logged in full (the client only hears the request id); a refusal is routine.
      if (isUnexpected(err)) log.error('failed unexpectedly', { ...fields, err: describe(err) });
      else log.warn('refused', { ...fields, message: error.message });
      return fail(error);
    }
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
