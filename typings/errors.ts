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

/** Codes for which a retry can help; everything else is final for the same input. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.UNAVAILABLE,
  ErrorCode.INTERNAL,
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

/** Any thrown value as an envelope body: AppErrors keep their code, the rest become retryable INTERNAL. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  const message = err instanceof Error ? err.message : String(err);
  return { code: ErrorCode.INTERNAL, message, retryable: true };
}
