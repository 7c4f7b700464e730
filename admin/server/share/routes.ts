/** Share links: teachers create, list and revoke them; anyone with a valid token gets the public player data. */
import type { FastifyInstance } from 'fastify';
import type { AssignmentDoc } from '../../../typings/documents';
import { AppError, ErrorCode, ok } from '../../../typings/errors';
import { teacherOf } from '../auth/plugin';
import { IdParams, ShareLinkBody, TokenParams } from '../../../typings/schemas/admin';
import { sendStoredFile } from '../media/storage-stream';
import { getVisibleRecording } from '../recordings/access';
import { hasVideo, sendRecordingVideo } from '../recordings/video';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { createShareLink, listShareLinks, openShareToken, revokeShareLink } from './store';

const createSchema = { body: ShareLinkBody };

type IdRoute = { Params: { id: string } };
type TokenRoute = { Params: { token: string } };

/** Teacher side (inside the teacher scope): create, list and revoke links. */
export function registerShareAdminRoutes(app: FastifyInstance): void {
  const ctx = () => app.admin;

  app.post<IdRoute & { Body: { expiresInSec: number } }>(
    '/api/recordings/:id/share-links',
    { schema: { ...createSchema, params: IdParams } },
    async (req, reply) => {
      const { teacherId } = teacherOf(req);
      const { recording } = await getVisibleRecording(ctx().stores.db, teacherId, req.params.id);
      void reply.status(201);
      return ok(await createShareLink(ctx(), teacherId, recording._id, req.body.expiresInSec));
    },
  );

  app.get<IdRoute>('/api/recordings/:id/share-links', { schema: { params: IdParams } }, async (req) => {
    const { teacherId } = teacherOf(req);
    const { recording } = await getVisibleRecording(ctx().stores.db, teacherId, req.params.id);
    return ok({ links: await listShareLinks(ctx(), recording._id) });
  });

  app.delete<IdRoute>('/api/share-links/:id', { schema: { params: IdParams } }, async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(await revokeShareLink(ctx(), teacherId, req.params.id));
  });
}

/** Public side (the public scope): only what a listener needs, no student identity. */
export function registerPublicShareRoutes(app: FastifyInstance): void {
  const ctx = () => app.admin;
  const tokenRoute = { schema: { params: TokenParams } };

  app.get<TokenRoute>('/api/public/share/:token', tokenRoute, async (req) => {
    const recording = await openShareToken(ctx(), req.params.token);
    const assignment = recording.assignmentId
      ? await ctx().stores.db.get<AssignmentDoc>(ADMIN_COLLECTIONS.assignments, recording.assignmentId)
      : undefined;
    return ok({
      title: assignment?.title ?? '',
      prompt: assignment?.prompt ?? '',
      durationMs: recording.durationMs,
      createdAt: recording.createdAt,
      hasAudio: !!recording.fullMp3FileID,
      hasVideo: hasVideo(recording),
    });
  });

  app.get<TokenRoute>('/api/public/share/:token/audio', tokenRoute, async (req, reply) => {
    const recording = await openShareToken(ctx(), req.params.token);
    if (!recording.fullMp3FileID) throw new AppError(ErrorCode.NOT_FOUND, 'this recording has no MP3 yet');
    return sendStoredFile(ctx().stores.files, recording.fullMp3FileID, req, reply, {
      contentType: 'audio/mpeg',
    });
  });

  app.get<TokenRoute>('/api/public/share/:token/video', tokenRoute, async (req, reply) => {
    const recording = await openShareToken(ctx(), req.params.token);
    return sendRecordingVideo(ctx().stores.files, recording, req, reply);
  });
}
