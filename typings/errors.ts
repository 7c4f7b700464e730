/** Error codes every cloud function, the admin server and the browser recorder answer with. */
export const ErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_OWNER: 'NOT_OWNER',
  FORBIDDEN: 'FORBIDDEN',
  BAD_AUDIO: 'BAD_AUDIO',
  TOO_LARGE: 'TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  UNAVAILABLE: 'UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** True only where the same call may succeed later (network, storage hiccup, server overload). */
  retryable: boolean;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/**
 * Codes for which a retry can help; everything else is final for the same input. INTERNAL is a bug: the
 * same input fails the same way, so a phone must not retry it with backoff.
 */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.UNAVAILABLE,
  ErrorCode.RATE_LIMITED,
]);

/** An error that carries its wire code; thrown inside server code and turned into an envelope at the edge. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, retryable: boolean = RETRYABLE_CODES.has(code)) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.retryable = retryable;
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function fail(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}

/** What a client is told of a bug: nothing of its detail, which goes to the log under the request id. */
export const UNEXPECTED_ERROR_MESSAGE = 'Something went wrong on our side';

/** True for what the edge must log in full: a bug (INTERNAL) or anything that is not an AppError. */
export function isUnexpected(err: unknown): boolean {
  return !(err instanceof AppError) || err.code === ErrorCode.INTERNAL;
}

/**
 * Any thrown value as an envelope body. AppErrors keep their code and message; anything unexpected
 * becomes a final (not retryable) INTERNAL with a generic message naming the request id, never the
 * exception's own text.
 */
export function toErrorBody(err: unknown, requestId?: string): ErrorBody {
  if (!isUnexpected(err)) return (err as AppError).toBody();
  const message = requestId ? `${UNEXPECTED_ERROR_MESSAGE} (request ${requestId})` : UNEXPECTED_ERROR_MESSAGE;
  return { code: ErrorCode.INTERNAL, message, retryable: false };
}
