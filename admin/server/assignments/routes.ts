/** /api/assignments: create, edit, list, one, and the QR code of its Mini Program path. */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { AssignmentDoc } from '../../../typings/documents';
import { ok } from '../../../typings/errors';
import { AssignmentBody, AssignmentPatchBody, IdParams } from '../../../typings/schemas/admin';
import { teacherOf } from '../auth/plugin';
import {
  createAssignment,
  getOwnAssignment,
  listAssignments,
  miniProgramPath,
  updateAssignment,
  type AssignmentInput,
} from './store';

const createSchema = { body: AssignmentBody };
const editSchema = { params: IdParams, body: AssignmentPatchBody };

function view(doc: AssignmentDoc) {
  return {
    ...doc,
    miniProgramPath: miniProgramPath(doc._id),
    qrCodeUrl: `/api/assignments/${doc._id}/qr.png`,
  };
}

type IdRoute = { Params: { id: string } };

export function registerAssignmentRoutes(app: FastifyInstance): void {
  const db = () => app.admin.stores.db;

  app.get('/api/assignments', async (req) => {
    const { teacherId } = teacherOf(req);
    return ok({ assignments: (await listAssignments(db(), teacherId)).map(view) });
  });

  app.post<{ Body: AssignmentInput }>('/api/assignments', { schema: createSchema }, async (req, reply) => {
    const { teacherId } = teacherOf(req);
    void reply.status(201);
    return ok(view(await createAssignment(db(), teacherId, req.body)));
  });

  app.get<IdRoute>('/api/assignments/:id', { schema: { params: IdParams } }, async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(view(await getOwnAssignment(db(), teacherId, req.params.id)));
  });

  app.patch<IdRoute & { Body: Partial<AssignmentInput> }>(
    '/api/assignments/:id',
    { schema: editSchema },
    async (req) => {
      const { teacherId } = teacherOf(req);
      return ok(view(await updateAssignment(db(), teacherId, req.params.id, req.body)));
    },
  );

  app.get<IdRoute>('/api/assignments/:id/qr.png', { schema: { params: IdParams } }, async (req, reply) => {
    const { teacherId } = teacherOf(req);
    const assignment = await getOwnAssignment(db(), teacherId, req.params.id);
    const png = await QRCode.toBuffer(miniProgramPath(assignment._id), {
      type: 'png',
      width: 256,
      margin: 1,
    });
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(png);
  });
}
