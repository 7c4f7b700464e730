/**
 * The CSRF check of the teacher scope (auth/plugin.ts): for anything that changes state, the request must
 * carry the session's CSRF token in a header. The token lives in the session document and reaches the page
 * only through `GET /api/me`, so another site can neither read it nor forge the header
 * (synchronizer-token pattern).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../../typings/errors';
import { CSRF_HEADER, type TeacherSession } from './session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkCsrf(req: FastifyRequest, session: TeacherSession): void {
  if (SAFE_METHODS.has(req.method)) return;
  const header = req.headers[CSRF_HEADER];
  const given = Array.isArray(header) ? header[0] : header;
  if (!given || !sameToken(given, session.csrfToken)) {
    throw new AppError(ErrorCode.FORBIDDEN, 'missing or wrong CSRF token');
  }
}
