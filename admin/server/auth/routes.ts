/**
 * POST /api/login, POST /api/logout, GET /api/me. Login takes JSON only: a cross-site HTML form cannot
 * send `application/json` without a CORS preflight, which this server never grants.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ErrorCode, ok } from '../../../typings/errors';
import type { TeacherDoc } from '../../../typings/documents';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { findTeacherByUsername } from '../teachers';
import { requireTeacher } from './guard';
import { verifyPassword } from './password';
import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from './rate-limit';
import { createSession, destroySession, getSession } from './session';

interface LoginBody {
  username: string;
  password: string;
}

const loginSchema = {
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: {
      username: { type: 'string', minLength: 1, maxLength: 64 },
      password: { type: 'string', minLength: 1, maxLength: 256 },
    },
  },
};

function publicTeacher(teacher: TeacherDoc) {
  return { teacherId: teacher._id, username: teacher.username, displayName: teacher.displayName };
}

async function checkCredentials(req: FastifyRequest<{ Body: LoginBody }>): Promise<TeacherDoc> {
  const ctx = req.server.admin;
  const { username, password } = req.body;
  await assertLoginAllowed(ctx, req.ip, username);
  const teacher = await findTeacherByUsername(ctx.stores.db, username);
  const valid = teacher ? await verifyPassword(password, teacher.passwordHash) : false;
  if (!teacher || !valid) {
    await recordLoginFailure(ctx, req.ip, username);
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'wrong user name or password');
  }
  await clearLoginFailures(ctx, req.ip, username);
  return teacher;
}

export function registerAuthRoutes(app: FastifyInstance): void {
  app.post<{ Body: LoginBody }>('/api/login', { schema: loginSchema }, async (req, reply) => {
    const teacher = await checkCredentials(req);
    const csrfToken = await createSession(app.admin, reply, teacher._id);
    return ok({ ...publicTeacher(teacher), csrfToken });
  });

  app.post('/api/logout', async (req, reply) => {
    const session = await requireTeacher(req);
    await destroySession(app.admin, reply, session);
    return ok({ signedOut: true });
  });

  app.get('/api/me', async (req) => {
    const session = await getSession(req);
    if (!session) throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in first');
    const teacher = await app.admin.stores.db.get<TeacherDoc>(ADMIN_COLLECTIONS.teachers, session.teacherId);
    if (!teacher) throw new AppError(ErrorCode.UNAUTHENTICATED, 'this account no longer exists');
    return ok({ ...publicTeacher(teacher), csrfToken: session.csrfToken });
  });
}
