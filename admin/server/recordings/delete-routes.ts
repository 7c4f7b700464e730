/** Delete routes: a recording, and an assignment with its recordings (confirmed by their count). */
import type { FastifyInstance } from 'fastify';
import { ok } from '../../../typings/errors';
import { teacherOf } from '../auth/plugin';
import { DeleteAssignmentBody, IdParams } from '../../../typings/schemas/admin';
import { countAssignmentRecordings, deleteAssignment, deleteVisibleRecording } from './delete';

const deleteAssignmentSchema = { params: IdParams, body: DeleteAssignmentBody };

type IdRoute = { Params: { id: string } };

export function registerDeleteRoutes(app: FastifyInstance): void {
  const stores = () => app.admin.stores;

  app.delete<IdRoute>('/api/recordings/:id', { schema: { params: IdParams } }, async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(await deleteVisibleRecording(stores(), teacherId, req.params.id));
  });

  app.get<IdRoute>('/api/assignments/:id/recording-count', { schema: { params: IdParams } }, async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(await countAssignmentRecordings(stores(), teacherId, req.params.id));
  });

  app.delete<IdRoute & { Body: { recordingCount: number } }>(
    '/api/assignments/:id',
    { schema: deleteAssignmentSchema },
    async (req) => {
      const { teacherId } = teacherOf(req);
      return ok(await deleteAssignment(stores(), teacherId, req.params.id, req.body.recordingCount));
    },
  );
}
