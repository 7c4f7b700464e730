/** errMsg helpers shaped like the base library's: `api:ok` / `api:fail reason`. */

/** The object a failing wx API passes to `fail` and rejects its Promise with. */
export interface WxFailResult {
  errMsg: string;
  errno?: number;
  errCode?: number;
}

/** Thrown by sync APIs (the base library throws an Error whose message is the errMsg). */
export class WxApiError extends Error {
  readonly errMsg: string;
  readonly errno?: number;
  readonly errCode?: number;

  constructor(result: WxFailResult) {
    super(result.errMsg);
    this.name = 'WxApiError';
    this.errMsg = result.errMsg;
    this.errno = result.errno;
    this.errCode = result.errCode;
  }

  toResult(): WxFailResult {
    const result: WxFailResult = { errMsg: this.errMsg };
    if (this.errno !== undefined) result.errno = this.errno;
    if (this.errCode !== undefined) result.errCode = this.errCode;
    return result;
  }
}

export function okMsg(api: string): string {
  return `${api}:ok`;
}

/** A failure raised inside an API implementation; `reason` is the text after `fail `. */
export class WxFailure extends Error {
  readonly reason: string;
  readonly errno?: number;
  readonly errCode?: number;

  constructor(reason: string, codes: { errno?: number; errCode?: number } = {}) {
    super(reason);
    this.name = 'WxFailure';
    this.reason = reason;
    this.errno = codes.errno;
    this.errCode = codes.errCode;
  }

  /** The result for API `api`, e.g. `readFile:fail no such file or directory, open wxfile://usr/a`. */
  forApi(api: string): WxApiError {
    return new WxApiError({ errMsg: `${api}:fail ${this.reason}`, errno: this.errno, errCode: this.errCode });
  }
}

/** Any thrown value as the failure of `api`: WxFailures keep their reason, WxApiErrors pass through. */
export function toApiError(api: string, err: unknown): WxApiError {
  if (err instanceof WxApiError) return err;
  if (err instanceof WxFailure) return err.forApi(api);
  const message = err instanceof Error ? err.message : String(err);
  return new WxApiError({ errMsg: `${api}:fail ${message}` });
}
