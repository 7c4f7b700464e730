/**
 * Authentication as an encapsulated Fastify plugin. Every teacher route is registered inside
 * `teacherScope`, whose `onRequest` hook checks the session cookie and (for state-changing methods) the
 * CSRF header before anything else runs: a stranger's request is refused from its headers alone, its body
 * never parsed. Public routes live in the sibling `publicScope`; nothing is exempted by URL prefix, so a
 * route is public only by being registered there.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode } from '../../../typings/errors';
import { checkCsrf } from './guard';
import { requireSession, type TeacherSession } from './session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the teacher scope's onRequest hook; null on public routes. */
    teacherSession: TeacherSession | null;
  }
}

export type RouteRegistrar = (scope: FastifyInstance) => void | Promise<void>;

async function authenticate(req: FastifyRequest): Promise<void> {
  const session = await requireSession(req);
  checkCsrf(req, session);
  req.teacherSession = session;
}

/** The signed-in teacher of a request inside the teacher scope. */
export function teacherOf(req: FastifyRequest): TeacherSession {
  if (!req.teacherSession) {
    // Only reachable when a teacher route was registered outside the teacher scope.
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first');
  }
  return req.teacherSession;
}

export async function registerScopes(
  app: FastifyInstance,
  scopes: { teacher: RouteRegistrar[]; public: RouteRegistrar[] },
): Promise<void> {
  app.decorateRequest('teacherSession', null);
  await app.register(async (teacherScope) => {
    teacherScope.addHook('onRequest', authenticate);
    for (const register of scopes.teacher) await register(teacherScope);
  });
  await app.register(async (publicScope) => {
    for (const register of scopes.public) await register(publicScope);
  });
}
