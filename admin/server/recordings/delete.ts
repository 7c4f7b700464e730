/**
 * Teachers delete: one recording of their own (DELETE /api/recordings/:id), or an assignment with all its
 * recordings, which must be confirmed with the number of recordings that go with it, so a stale page or a
 * slip cannot take more than the teacher saw (DELETE /api/assignments/:id {recordingCount}).
 */
import { deleteRecordingData } from '../../../pipeline/recordings/delete-recording';
import type { Stores } from '../../../pipeline/store/types';
import type { RecordingDoc } from '../../../typings/documents';
import { AppError, ErrorCode } from '../../../typings/errors';
import { getOwnAssignment } from '../assignments/store';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { getVisibleRecording } from './access';

export async function deleteVisibleRecording(stores: Stores, teacherId: string, recordingId: string) {
  const { recording } = await getVisibleRecording(stores.db, teacherId, recordingId);
  return deleteRecordingData(stores, recording, 'teacher');
}

export async function countAssignmentRecordings(stores: Stores, teacherId: string, assignmentId: string) {
  const assignment = await getOwnAssignment(stores.db, teacherId, assignmentId);
  return {
    assignmentId: assignment._id,
    recordingCount: await stores.db.count(ADMIN_COLLECTIONS.recordings, { assignmentId: assignment._id }),
  };
}

export async function deleteAssignment(
  stores: Stores,
  teacherId: string,
  assignmentId: string,
  confirmedCount: number,
) {
  const { recordingCount } = await countAssignmentRecordings(stores, teacherId, assignmentId);
  if (confirmedCount !== recordingCount) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `this assignment has ${recordingCount} recording(s), not ${confirmedCount}: confirm with recordingCount ${recordingCount}`,
    );
  }
  const recordings = await stores.db.findAll<RecordingDoc>(ADMIN_COLLECTIONS.recordings, { assignmentId });
  let deletedFiles = 0;
  for (const recording of recordings) {
    deletedFiles += (await deleteRecordingData(stores, recording, 'assignment')).deletedFiles;
  }
  // Last: while any recording is left the assignment stays, so a cut-off delete can be repeated.
  await stores.db.remove(ADMIN_COLLECTIONS.assignments, assignmentId);
  return { assignmentId, deletedRecordings: recordings.length, deletedFiles };
}
