/** POST / DELETE /api/recordings/:id/comments: comments pinned to moments of a recording. */
import type { FastifyInstance } from 'fastify';
import { ok } from '../../../typings/errors';
import { teacherOf } from '../auth/plugin';
import { getVisibleRecording } from './access';
import { CommentBody, CommentParams, IdParams } from '../../../typings/schemas/admin';
import { addComment, deleteComment, type CommentInput } from './comments';

const addSchema = { params: IdParams, body: CommentBody };
const deleteSchema = { params: CommentParams };

export function registerCommentRoutes(app: FastifyInstance): void {
  const db = () => app.admin.stores.db;

  app.post<{ Params: { id: string }; Body: CommentInput }>(
    '/api/recordings/:id/comments',
    { schema: addSchema },
    async (req, reply) => {
      const { teacherId } = teacherOf(req);
      const { recording } = await getVisibleRecording(db(), teacherId, req.params.id);
      const comment = await addComment(db(), teacherId, recording, req.body);
      return reply
        .status(201)
        .send(ok({ id: comment.id, atMs: comment.atMs, text: comment.text, createdAt: comment.createdAt }));
    },
  );

  app.delete<{ Params: { id: string; commentId: string } }>(
    '/api/recordings/:id/comments/:commentId',
    { schema: deleteSchema },
    async (req) => {
      const { teacherId } = teacherOf(req);
      const { recording } = await getVisibleRecording(db(), teacherId, req.params.id);
      await deleteComment(db(), recording, req.params.commentId);
      return ok({ id: req.params.commentId });
    },
  );
}
