/** POST / DELETE /api/recordings/:id/comments: comments pinned to moments of a recording. */
import type { FastifyInstance } from 'fastify';
import { ok } from '../../../typings/errors';
import { teacherOf } from '../auth/plugin';
import { getVisibleRecording } from './access';
import { addComment, deleteComment, MAX_COMMENT_LENGTH, type CommentInput } from './comments';

const idPattern = { type: 'string', maxLength: 64 };
const addSchema = {
  params: { type: 'object', required: ['id'], properties: { id: idPattern } },
  body: {
    type: 'object',
    required: ['atMs', 'text'],
    additionalProperties: false,
    properties: {
      atMs: { type: 'integer', minimum: 0 },
      text: { type: 'string', minLength: 1, maxLength: MAX_COMMENT_LENGTH },
    },
  },
};
const deleteSchema = {
  params: {
    type: 'object',
    required: ['id', 'commentId'],
    properties: { id: idPattern, commentId: idPattern },
  },
};

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
