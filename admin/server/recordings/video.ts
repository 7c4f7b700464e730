/**
 * A browser recording's WebM video. The API says only whether there is one (`hasVideo`); the bytes go
 * through our routes (teacher or share link), which check access first and pass Range on so players seek.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BrowserRecordingFields } from '../../../typings/browser-recorder';
import type { RecordingDoc } from '../../../typings/documents';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { FileStore } from '../../../pipeline/store/types';
import { sendStoredFile } from '../media/storage-stream';

type StoredRecording = RecordingDoc & BrowserRecordingFields;

/** The recording as the API shows it: `hasVideo` in place of the storage fileID. */
export type RecordingView = Omit<StoredRecording, 'videoFileID'> & { hasVideo: boolean };

export function hasVideo(recording: RecordingDoc): boolean {
  return !!(recording as StoredRecording).videoFileID;
}

export function recordingView(recording: RecordingDoc): RecordingView {
  const { videoFileID, ...rest } = recording as StoredRecording;
  return { ...rest, hasVideo: !!videoFileID };
}

/** Streams the video of a recording the caller has already been allowed to see. */
export function sendRecordingVideo(
  files: FileStore,
  recording: RecordingDoc,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const fileID = (recording as StoredRecording).videoFileID;
  if (!fileID) throw new AppError(ErrorCode.NOT_FOUND, 'this recording has no video');
  return sendStoredFile(files, fileID, req, reply, { contentType: 'video/webm' });
}
