/**
 * What the request log may say about a request. Share tokens sit in URLs (`/share/<token>`, the API's
 * `/api/public/share/<token>/…`) and recorder tickets in `?ticket=`: whoever reads the log could replay
 * them, so only their first characters are kept (enough to tell two apart when debugging).
 */
import type { FastifyRequest } from 'fastify';

const KEEP = 6;

function shorten(secret: string): string {
  return `${secret.slice(0, KEEP)}…`;
}

export function redactUrl(url: string): string {
  return url
    .replace(/(\/share\/)([^/?#]+)/g, (_m, prefix: string, token: string) => prefix + shorten(token))
    .replace(/([?&]ticket=)([^&#]+)/g, (_m, prefix: string, ticket: string) => prefix + shorten(ticket));
}

/** Fastify's request serializer, with the URL redacted. */
export function serializeRequest(req: FastifyRequest) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}
