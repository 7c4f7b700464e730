/** Turns anything thrown in a route into the `{ok: false, error}` envelope with a fitting HTTP status. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ErrorCode, fail, toErrorBody } from '../../../typings/errors';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  BAD_AUDIO: 400,
  UNAUTHENTICATED: 401,
  NOT_OWNER: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? 500;
}

/** Fastify's own errors (schema validation, bad JSON, body too large) keep a clear code too. */
function fromFastifyError(err: FastifyError): AppError | undefined {
  if (err.validation) return new AppError(ErrorCode.INVALID_ARGUMENT, err.message);
  if (err.statusCode === 413) return new AppError(ErrorCode.TOO_LARGE, err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError(ErrorCode.INVALID_ARGUMENT, err.message);
  }
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = err instanceof AppError ? err : fromFastifyError(err);
    const body = toErrorBody(appError ?? err);
    if (!appError) req.log.error({ err }, 'unexpected error');
    void reply.status(statusOf(body.code)).send(fail(body));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send(fail(new AppError(ErrorCode.NOT_FOUND, `no route ${req.method} ${req.url}`).toBody()));
  });
}
