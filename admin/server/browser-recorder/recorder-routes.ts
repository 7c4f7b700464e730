/**
 * HTTP side of the recorder: a one-time socket ticket for whoever is signed in (teacher session or
 * student cookie), and the one-time "who are you" step for a student arriving by assignment link.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IdParams } from '../../../typings/schemas/admin';
import { getAssignment, saveStudentProfile } from '../../../pipeline/profiles';
import type { CloudHandle } from '../../../pipeline/cloud-handle';
import { RECORDER_STUDENT_PATH, RECORDER_TICKET_PATH } from '../../../typings/browser-recorder';
import { AppError, ErrorCode, ok } from '../../../typings/errors';
import { sendError } from '../http/errors';
import {
  newStudentId,
  STUDENT_COOKIE,
  studentIdFrom,
  TicketBook,
  type RecorderIdentity,
} from './web-identity';

export interface RouteDeps {
  cloud: CloudHandle;
  tickets: TicketBook;
  getTeacher(req: FastifyRequest): Promise<{ teacherId: string } | null>;
  secureCookies: boolean;
}

const STUDENT_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

async function identify(deps: RouteDeps, req: FastifyRequest): Promise<RecorderIdentity | undefined> {
  const teacher = await deps.getTeacher(req);
  if (teacher) return { ownerId: teacher.teacherId, role: 'teacher' };
  const studentId = studentIdFrom(req);
  return studentId ? { ownerId: studentId, role: 'student' } : undefined;
}

/** Runs a handler and answers with the envelope, whatever app (and error handler) it is mounted in. */
function envelope<T>(work: (req: FastifyRequest, reply: FastifyReply) => Promise<T>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    try {
      return ok(await work(req, reply));
    } catch (err) {
      return sendError(req, reply, err);
    }
  };
}

export function registerRecorderRoutes(app: FastifyInstance, deps: RouteDeps): void {
  // Short link for the page the admin server serves as record.html (`/record?assignment=ID`).
  app.get('/record', async (req, reply) => {
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return reply.redirect(`/record.html${query}`);
  });

  app.get(
    RECORDER_TICKET_PATH,
    envelope(async (req) => {
      const identity = await identify(deps, req);
      if (!identity)
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'sign in, or open the assignment link first');
      return { ticket: await deps.tickets.issue(identity), role: identity.role };
    }),
  );

  app.post(
    RECORDER_STUDENT_PATH,
    envelope(async (req, reply) => {
      const body = (req.body ?? {}) as { name?: unknown; className?: unknown; assignmentId?: unknown };
      const studentId = studentIdFrom(req) ?? newStudentId();
      // The assignment must exist before anyone gets an identity for it.
      const assignment = await getAssignment(deps.cloud, studentId, { assignmentId: body.assignmentId });
      const profile = await saveStudentProfile(deps.cloud, studentId, body);
      void reply.setCookie(STUDENT_COOKIE, studentId, {
        signed: true,
        path: '/record',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        maxAge: STUDENT_COOKIE_MAX_AGE_S,
      });
      const ticket = await deps.tickets.issue({ ownerId: studentId, role: 'student' });
      return { ticket, profile, assignment };
    }),
  );

  app.get(
    '/record/api/assignment/:id',
    { schema: { params: IdParams } },
    envelope(async (req) => {
      const { id } = req.params as { id: string };
      return getAssignment(deps.cloud, 'anonymous-viewer', { assignmentId: id });
    }),
  );
}
