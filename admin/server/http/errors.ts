/** Turns anything thrown in a route into the `{ok: false, error}` envelope with a fitting HTTP status. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode, fail, isUnexpected, toErrorBody } from '../../../typings/errors';

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

/**
 * The one way a route answers a failure: the envelope with a fitting status. A bug is logged in full
 * with the request id, and the client hears only that id.
 */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const appError =
    err instanceof AppError ? err : err instanceof Error ? fromFastifyError(err as FastifyError) : undefined;
  const body = toErrorBody(appError ?? err, req.id);
  if (isUnexpected(appError ?? err)) req.log.error({ err }, 'unexpected error');
  return reply.status(statusOf(body.code)).send(fail(body));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    void sendError(req, reply, err);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply
      .status(404)
      .send(fail(new AppError(ErrorCode.NOT_FOUND, `no route ${req.method} ${req.url}`).toBody()));
  });
}
