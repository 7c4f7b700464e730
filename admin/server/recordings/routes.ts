/** /api/recordings: the review list, one recording with its segments, audio, video, review and the assignment zip. */
import type { FastifyInstance } from 'fastify';
import type { SegmentDoc, StudentDoc } from '../../../typings/documents';
import { AppError, ErrorCode, ok } from '../../../typings/errors';
import { getOwnAssignment } from '../assignments/store';
import { teacherOf } from '../auth/plugin';
import { sendStoredFile } from '../media/storage-stream';
import { sendAssignmentZip } from '../media/zip';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { getVisibleRecording } from './access';
import { registerCommentRoutes } from './comment-routes';
import {
  AudioQuery,
  IdParams,
  RecordingListQuery,
  ReviewBody,
  SegmentParams,
} from '../../../typings/schemas/admin';
import { listRecordings, type ListParams } from './list';
import { saveReview, type ReviewPatch } from './review';
import { recordingExpiry } from './expiry';
import { recordingView, sendRecordingVideo } from './video';

const listSchema = { querystring: RecordingListQuery };
const reviewSchema = { params: IdParams, body: ReviewBody };

type IdRoute = { Params: { id: string } };

export function registerRecordingRoutes(app: FastifyInstance): void {
  const stores = () => app.admin.stores;
  const db = () => app.admin.stores.db;
  registerCommentRoutes(app);

  app.get<{ Querystring: ListParams }>('/api/recordings', { schema: listSchema }, async (req) => {
    const { teacherId } = teacherOf(req);
    return ok(await listRecordings(db(), teacherId, req.query));
  });

  app.get<IdRoute>('/api/recordings/:id', { schema: { params: IdParams } }, async (req) => {
    const { teacherId } = teacherOf(req);
    const { recording, assignment } = await getVisibleRecording(db(), teacherId, req.params.id);
    const [segments, student] = await Promise.all([
      db().findAll<SegmentDoc>(
        ADMIN_COLLECTIONS.segments,
        { recordingId: recording._id },
        { orderBy: [['seq', 'asc']] },
      ),
      db().get<StudentDoc>(ADMIN_COLLECTIONS.students, recording._openid),
    ]);
    return ok({
      recording: { ...recordingView(recording), expiresAt: recordingExpiry(recording, assignment) },
      assignment,
      student,
      segments,
    });
  });

  app.get<IdRoute & { Querystring: { download?: string } }>(
    '/api/recordings/:id/audio',
    { schema: { params: IdParams, querystring: AudioQuery } },
    async (req, reply) => {
      const { teacherId } = teacherOf(req);
      const { recording } = await getVisibleRecording(db(), teacherId, req.params.id);
      if (!recording.fullMp3FileID) throw new AppError(ErrorCode.NOT_FOUND, 'this recording has no MP3 yet');
      const downloadName = req.query.download ? `${recording._id}.mp3` : undefined;
      return sendStoredFile(stores().files, recording.fullMp3FileID, req, reply, {
        contentType: 'audio/mpeg',
        downloadName,
      });
    },
  );

  app.get<IdRoute>('/api/recordings/:id/video', { schema: { params: IdParams } }, async (req, reply) => {
    const { teacherId } = teacherOf(req);
    const { recording } = await getVisibleRecording(db(), teacherId, req.params.id);
    return sendRecordingVideo(stores().files, recording, req, reply);
  });

  app.get<{ Params: { id: string; seq: number } }>(
    '/api/recordings/:id/segments/:seq/audio',
    { schema: { params: SegmentParams } },
    async (req, reply) => {
      const { teacherId } = teacherOf(req);
      const { recording } = await getVisibleRecording(db(), teacherId, req.params.id);
      const segmentId = `${recording._id}:${req.params.seq}`;
      const segment = await db().get<SegmentDoc>(ADMIN_COLLECTIONS.segments, segmentId);
      if (!segment?.mp3FileID)
        throw new AppError(ErrorCode.NOT_FOUND, `segment ${req.params.seq} has no MP3`);
      return sendStoredFile(stores().files, segment.mp3FileID, req, reply, { contentType: 'audio/mpeg' });
    },
  );

  app.put<IdRoute & { Body: ReviewPatch }>(
    '/api/recordings/:id/review',
    { schema: reviewSchema },
    async (req) => {
      const { teacherId } = teacherOf(req);
      const { recording } = await getVisibleRecording(db(), teacherId, req.params.id);
      return ok(await saveReview(db(), teacherId, recording, req.body));
    },
  );

  app.get<IdRoute>(
    '/api/assignments/:id/recordings.zip',
    { schema: { params: IdParams } },
    async (req, reply) => {
      const { teacherId } = teacherOf(req);
      const assignment = await getOwnAssignment(db(), teacherId, req.params.id);
      return sendAssignmentZip(stores(), assignment._id, assignment.title, reply);
    },
  );
}
