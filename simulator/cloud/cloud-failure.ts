import { WxFailure } from '../core/wx-result';
import { isBackendError } from './cloud-backend';
import type { CloudApi } from './cloud-faults';

/** A wx.cloud failure: errMsg `cloud.<api>:fail <errCode> <message>` plus the numeric errCode (-1: network). */
export function cloudFailure(errCode: number, message: string): WxFailure {
  return new WxFailure(`${errCode} ${message}`, { errCode });
}

/** What the phone sees when the connection drops under a request or its reply (not verified on a phone). */
export function connectionReset(): WxFailure {
  return cloudFailure(-1, 'request:fail net::ERR_CONNECTION_RESET');
}

/**
 * What the phone sees when it stops waiting: callFunction's -404005 "exceed max poll retry" (WeChat's
 * error-code table and community reports, see README "Facts checked"); a plain request timeout otherwise.
 */
export function clientTimeout(api: CloudApi, ms: number): WxFailure {
  if (api === 'callFunction') return cloudFailure(-404005, `exceed max poll retry (no answer in ${ms} ms)`);
  return cloudFailure(-1, 'request:fail timeout');
}

/** The backend's errMsg without its own `cloud.<api>:fail ` prefix (EmulatorClient adds one). */
function backendReason(errMsg: string): string {
  return errMsg.replace(/^cloud\.\w+:fail /, '');
}

/** A backend rejection as the phone sees it: cloud errors keep their code, anything else is the network. */
export function asPhoneFailure(err: unknown): WxFailure {
  if (err instanceof WxFailure) return err;
  if (isBackendError(err)) return new WxFailure(backendReason(err.errMsg), { errCode: err.errCode });
  // Anything else (connection refused, reset, a body cut midway) is a transport failure.
  return cloudFailure(-1, `request:fail ${err instanceof Error ? err.message : String(err)}`);
}
