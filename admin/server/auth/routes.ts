/**
 * POST /api/login (public scope), POST /api/logout and GET /api/me (teacher scope). Login takes JSON only:
 * a cross-site HTML form cannot send `application/json` without a CORS preflight, which this server never
 * grants.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from '@sinclair/typebox';
import { LoginBody as LoginBodySchema } from '../../../typings/schemas/admin';
import { AppError, ErrorCode, ok } from '../../../typings/errors';
import type { TeacherDoc } from '../../../typings/documents';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { findTeacherByUsername } from '../teachers';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyPassword, verifyAgainstDummy } from './password';
import { countLoginAttempt, loginSucceeded } from './rate-limit';
import { teacherOf } from './plugin';
import { createSession, destroySession } from './session';

type LoginBody = Static<typeof LoginBodySchema>;

const loginSchema = { body: LoginBodySchema };

function publicTeacher(teacher: TeacherDoc) {
  return { teacherId: teacher._id, username: teacher.username, displayName: teacher.displayName };
}

async function checkCredentials(req: FastifyRequest<{ Body: LoginBody }>): Promise<TeacherDoc> {
  const ctx = req.server.admin;
  const { username, password } = req.body;
  const delayMs = await countLoginAttempt(ctx, req.ip, username);
  if (delayMs > 0) await sleep(delayMs);
  const teacher = await findTeacherByUsername(ctx.stores.db, username);
  // An unknown name costs the same scrypt as a known one, so timing does not tell which names exist.
  const valid = teacher
    ? await verifyPassword(password, teacher.passwordHash)
    : await verifyAgainstDummy(password);
  if (!teacher || !valid) throw new AppError(ErrorCode.UNAUTHENTICATED, 'wrong user name or password');
  await loginSucceeded(ctx, req.ip, username);
  return teacher;
}

export function registerLoginRoute(app: FastifyInstance): void {
  app.post<{ Body: LoginBody }>('/api/login', { schema: loginSchema }, async (req, reply) => {
    const teacher = await checkCredentials(req);
    const csrfToken = await createSession(app.admin, reply, teacher._id);
    return ok({ ...publicTeacher(teacher), csrfToken });
  });
}

export function registerSessionRoutes(app: FastifyInstance): void {
  app.post('/api/logout', async (req, reply) => {
    await destroySession(app.admin, reply, teacherOf(req));
    return ok({ signedOut: true });
  });

  app.get('/api/me', async (req) => {
    const session = teacherOf(req);
    const teacher = await app.admin.stores.db.get<TeacherDoc>(ADMIN_COLLECTIONS.teachers, session.teacherId);
    if (!teacher) throw new AppError(ErrorCode.UNAUTHENTICATED, 'this account no longer exists');
    return ok({ ...publicTeacher(teacher), csrfToken: session.csrfToken });
  });
}
