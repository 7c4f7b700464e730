/** /api/assignments: create, edit, list, one, and the QR code of its Mini Program path. */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { AssignmentDoc } from '../../../typings/documents';
import { ok } from '../../../typings/errors';
import { MAX_RETENTION_DAYS } from '../../../pipeline/recordings/retention';
import { teacherOf } from '../auth/plugin';
import { ID_PARAMS } from '../http/params';
import {
  createAssignment,
  getOwnAssignment,
  listAssignments,
  miniProgramPath,
  updateAssignment,
  type AssignmentInput,
} from './store';

const fields = {
  title: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' },
  prompt: { type: 'string', maxLength: 4000 },
  maxDurationSec: { type: 'integer', minimum: 5, maximum: 600 },
  dueAt: { anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
  // Days a recording is kept (retention); null clears it so the deploy default applies.
  retentionDays: { anyOf: [{ type: 'integer', minimum: 1, maximum: MAX_RETENTION_DAYS }, { type: 'null' }] },
};
const idParams = ID_PARAMS;
const createSchema = {
  body: {
    type: 'object',
    required: ['title', 'prompt', 'maxDurationSec'],
    additionalProperties: false,
    properties: fields,
  },
};
const editSchema = {
  params: idParams,
  body: { type: 'object', minProperties: 1, additionalProperties: false, properties: fields },
};

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

  app.get<IdRoute>('/api/assignments/:id', { schema: { params: idParams } }, async (req) => {
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

  app.get<IdRoute>('/api/assignments/:id/qr.png', { schema: { params: idParams } }, async (req, reply) => {
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
