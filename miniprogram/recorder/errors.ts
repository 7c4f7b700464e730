import type { ErrorBody, ErrorCode } from '../../typings/errors';

/**
 * The client's error: the same codes and `retryable` flag as the server envelope (typings/errors.ts), so
 * pages show one kind of message whether a failure happened on the phone or in a cloud function.
 */
export class RecorderError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  /** Set where the code alone does not tell the student what happened, e.g. `busy` for the bus's CONFLICT. */
  readonly reason: string | undefined;

  constructor(code: ErrorCode, message: string, retryable = false, reason?: string) {
    super(message);
    this.name = 'RecorderError';
    this.code = code;
    this.retryable = retryable;
    this.reason = reason;
  }

  static fromBody(body: ErrorBody): RecorderError {
    return new RecorderError(body.code, body.message, body.retryable);
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

/** Anything thrown by the platform (network, storage, callFunction transport) as a body we can journal. */
export function errorBodyOf(err: unknown): ErrorBody {
  if (err instanceof RecorderError) return err.toBody();
  const message = messageOf(err);
  // A failure without our envelope is the transport's: the same call may well succeed later.
  return { code: 'UNAVAILABLE', message, retryable: true };
}

/** The text of an Error, a wx `{errMsg}` failure, or anything else. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'errMsg' in err) return String((err as { errMsg: unknown }).errMsg);
  return String(err);
}

/** What the student reads when the phone's storage refused audio (FileSystemManager errno 1300202). */
export const STORAGE_FULL =
  'Phone storage is full: recording stopped. Everything recorded so far is kept; free some space to record more.';

/** The session's message for an audio write that failed: a full phone in plain words, else the cause. */
export function saveFailureMessage(err: unknown): string {
  const errno = err && typeof err === 'object' && 'errno' in err ? err.errno : undefined;
  if (errno === 1300202 || /storage limit is exceeded/.test(messageOf(err))) return STORAGE_FULL;
  return `Could not save audio on this phone: ${messageOf(err)}`;
}
