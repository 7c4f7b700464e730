/**
 * Which recordings a teacher may see: those made for one of their assignments, plus browser recordings
 * they own. Everything else answers NOT_FOUND, so ids of other classes cannot even be probed.
 */
import type { AssignmentDoc, RecordingDoc } from '../../../typings/documents';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from '../store/collections';

export function isOwnBrowserRecording(recording: RecordingDoc, teacherId: string): boolean {
  return recording.source === 'browser' && recording._openid === teacherId;
}

export async function getVisibleRecording(
  db: DocStore,
  teacherId: string,
  recordingId: string,
): Promise<{ recording: RecordingDoc; assignment?: AssignmentDoc }> {
  const notFound = new AppError(ErrorCode.NOT_FOUND, `no recording ${recordingId}`);
  const recording = await db.get<RecordingDoc>(ADMIN_COLLECTIONS.recordings, recordingId);
  if (!recording) throw notFound;
  const assignment = recording.assignmentId
    ? await db.get<AssignmentDoc>(ADMIN_COLLECTIONS.assignments, recording.assignmentId)
    : undefined;
  const mine = assignment?.teacherId === teacherId || isOwnBrowserRecording(recording, teacherId);
  if (!mine) throw notFound;
  return { recording, assignment };
}
