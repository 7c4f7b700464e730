/**
 * Login sessions kept in the db (not in memory) so any instance behind a load balancer can serve any
 * request. The cookie holds a random token; the db holds only its HMAC, plus the CSRF token for it.
 */
import { createHmac } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { DocStore } from '../../../pipeline/store/types';
import type { AdminContext } from '../context';
import { randomId } from '../ids';
import { ADMIN_COLLECTIONS } from '../store/collections';

export const SESSION_COOKIE = 'dr_session';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface SessionDoc {
  _id: string;
  teacherId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface TeacherSession {
  teacherId: string;
  csrfToken: string;
  sessionKey: string;
}

function sessionKey(ctx: AdminContext, token: string): string {
  return createHmac('sha256', ctx.sessionSecret).update(token).digest('hex');
}

export async function createSession(
  ctx: AdminContext,
  reply: FastifyReply,
  teacherId: string,
): Promise<string> {
  const token = randomId(32);
  const csrfToken = randomId(24);
  const now = ctx.now();
  const doc: SessionDoc = {
    _id: sessionKey(ctx, token),
    teacherId,
    csrfToken,
    createdAt: new Date(now),
    expiresAt: new Date(now + SESSION_TTL_MS),
  };
  await ctx.stores.db.insert(ADMIN_COLLECTIONS.adminSessions, doc);
  await removeExpiredSessions(ctx, teacherId);
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secureCookies,
    maxAge: SESSION_TTL_MS / 1000,
  });
  return csrfToken;
}

/** Expired sessions are refused anyway; dropping the teacher's old ones at each login keeps the collection small. */
async function removeExpiredSessions(ctx: AdminContext, teacherId: string): Promise<void> {
  const { db } = ctx.stores;
  const expired = await db.find<SessionDoc>(
    ADMIN_COLLECTIONS.adminSessions,
    { teacherId, expiresAt: db.cmd.lte(new Date(ctx.now())) },
    { limit: 100 },
  );
  for (const old of expired) await db.remove(ADMIN_COLLECTIONS.adminSessions, old._id);
}

export async function destroySession(
  ctx: AdminContext,
  reply: FastifyReply,
  session: TeacherSession,
): Promise<void> {
  await ctx.stores.db.remove(ADMIN_COLLECTIONS.adminSessions, session.sessionKey);
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Signs the teacher out everywhere (after a password change): every session document goes. */
export async function endAllSessions(db: DocStore, teacherId: string): Promise<void> {
  const sessions = await db.findAll<SessionDoc>(ADMIN_COLLECTIONS.adminSessions, { teacherId });
  for (const session of sessions) await db.remove(ADMIN_COLLECTIONS.adminSessions, session._id);
}

/** The signed-in teacher's session, or null (no cookie, unknown token, expired). */
export async function getSession(req: FastifyRequest): Promise<TeacherSession | null> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return null;
  const ctx = req.server.admin;
  const key = sessionKey(ctx, token);
  const doc = await ctx.stores.db.get<SessionDoc>(ADMIN_COLLECTIONS.adminSessions, key);
  if (!doc || new Date(doc.expiresAt).getTime() <= ctx.now()) return null;
  return { teacherId: doc.teacherId, csrfToken: doc.csrfToken, sessionKey: key };
}

/** The seam the browser recorder uses: who is signed in on this request, if anyone. */
export async function getTeacherFromRequest(req: FastifyRequest): Promise<{ teacherId: string } | null> {
  const session = await getSession(req);
  return session ? { teacherId: session.teacherId } : null;
}

export async function requireSession(req: FastifyRequest): Promise<TeacherSession> {
  const session = await getSession(req);
  if (!session) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first');
  return session;
}
