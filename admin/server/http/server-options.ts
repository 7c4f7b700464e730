/**
 * Fastify and Node server settings: body size, proxy trust, and timeouts that cut slow clients. Node
 * checks `requestTimeout` (the whole request, headers and body) only every `connectionsCheckingInterval`
 * (30 s by default), so the server is built here with a shorter interval.
 */
import http from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { AdminServerOptions } from '../context';
import { rootLogger } from '../../../pipeline/log';
import { describeErrors } from '../../../typings/schemas/check-payload';
import { serializeRequest } from './log-redaction';

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Idle sockets (no byte either way) are closed after this; streaming a long answer is not idle. */
export const IDLE_TIMEOUT_MS = 120_000;

export function serverOptions(options: AdminServerOptions): FastifyServerOptions {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    // The process's one pino logger (with its redaction), plus the request serializer that shortens tokens.
    ...(options.log
      ? { loggerInstance: rootLogger().child({ scope: 'admin' }, { serializers: { req: serializeRequest } }) }
      : { logger: false }),
    // Only a configured proxy may decide req.ip through X-Forwarded-For (the login limiter keys on it).
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
    // The schemas are typings/schemas/*; a bad payload is worded as cloud functions word it.
    ajv: { customOptions: { verbose: true } },
    schemaErrorFormatter: (errors, dataVar) => new Error(describeErrors(errors, `${dataVar}.`)),
    // Share tokens (signed payload + HMAC) are ~150 characters, over Fastify's default of 100.
    routerOptions: { maxParamLength: 512 },
    connectionTimeout: IDLE_TIMEOUT_MS,
    requestTimeout,
    serverFactory: (handler) =>
      http.createServer(
        {
          requestTimeout,
          headersTimeout: Math.min(requestTimeout, 20_000),
          connectionsCheckingInterval: Math.max(250, Math.min(requestTimeout / 4, 5000)),
        },
        handler,
      ),
  };
}
