/**
 * Deleting a recording means all of it: its share links first (so an open link stops working at once),
 * then every file (segments' WAVs, MP3s and chain pieces, full.mp3, video and a browser recording's video
 * parts, listed in its recorder state, which is read before it goes), then the segment documents,
 * and the recording document last. The recording is marked `deleting` before anything goes, so a delete
 * cut off half-way is visible and is finished by the sweep (or by repeating the delete); each step is
 * idempotent. Used by the student (deleteRecording), the teacher (admin server) and retention alike.
 */
import { COLLECTIONS, type DeleteReason, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import type { DeleteRecordingResponse } from '../../typings/functions';
import type { BrowserRecordingStateParts, SealedVideoPart } from '../../typings/browser-recorder';
import { openStores, type CloudHandle } from '../cloud-handle';
import { createLogger } from '../log';
import type { DocStore, Stores } from '../store/types';
import { requireOwnerId } from './ownership';
import { listSegments } from './recording-doc';
import { allFileIDs, contractFileIDs, type RecordingExtent } from './recording-files';
import { removeFilesChecked } from './remove-files';
import { checkPayload } from '../../typings/schemas/check-payload';
import { DeleteRecordingRequestSchema } from '../../typings/schemas/functions';

const log = createLogger('pipeline');

/** Collections whose documents belong to one recording through their `recordingId` field. */
export const RECORDING_CHILD_COLLECTIONS: readonly string[] = [
  COLLECTIONS.shareLinks,
  COLLECTIONS.segments,
  COLLECTIONS.leases,
  COLLECTIONS.browserRecordings,
];

async function removeChildren(db: DocStore, collection: string, recordingId: string): Promise<void> {
  const docs = await db.findAll<{ _id: string }>(collection, { recordingId });
  for (const doc of docs) await db.remove(collection, doc._id);
}

/** Every document of RECORDING_CHILD_COLLECTIONS that belongs to the recording (none left is fine). */
export async function removeRecordingChildren(db: DocStore, recordingId: string): Promise<void> {
  for (const collection of RECORDING_CHILD_COLLECTIONS) await removeChildren(db, collection, recordingId);
}

/** A browser recording's video parts, from its recorder state (there is none for a Mini Program one). */
async function sealedVideoParts(db: DocStore, recordingId: string): Promise<SealedVideoPart[]> {
  const state = await db.get<BrowserRecordingStateParts>(COLLECTIONS.browserRecordings, recordingId);
  return state?.videoParts ?? [];
}

/** Deletes every document and file of a recording the caller has already been allowed to delete. */
export async function deleteRecordingData(
  stores: Stores,
  recording: RecordingDoc,
  reason: DeleteReason,
): Promise<DeleteRecordingResponse> {
  const { db, files } = stores;
  if (!recording.deleting) {
    await db.update(COLLECTIONS.recordings, recording._id, { deleting: { reason, startedAt: new Date() } });
  }
  const [shareLinks, ...rest] = RECORDING_CHILD_COLLECTIONS;
  if (shareLinks) await removeChildren(db, shareLinks, recording._id);
  const segments: SegmentDoc[] = await listSegments(db, recording._id);
  const fileIDs = allFileIDs(recording, segments, await sealedVideoParts(db, recording._id));
  await removeFilesChecked(files, fileIDs);
  for (const collection of rest) await removeChildren(db, collection, recording._id);
  await db.remove(COLLECTIONS.recordings, recording._id);
  log.info('recording deleted', { recordingId: recording._id, reason, files: fileIDs.length });
  return { recordingId: recording._id, deleted: true, deletedFiles: fileIDs.length };
}

/**
 * What a stream still in flight stored after its recording was deleted (strict reading: the delete
 * wins): a recording document written anew by a late segment, segment documents, and every file the
 * path contract gives a recording of this extent. `knownFileID` is any fileID in the same env and bucket
 * (without one, and without documents naming one, files cannot be named and only documents go).
 */
export async function deleteLateArrivals(
  stores: Stores,
  ref: { ownerId: string; recordingId: string; knownFileID?: string },
  extent: RecordingExtent,
): Promise<void> {
  const { db, files } = stores;
  const revived = await db.get<RecordingDoc>(COLLECTIONS.recordings, ref.recordingId);
  const segments = await listSegments(db, ref.recordingId);
  const known = ref.knownFileID ?? segments.find((s) => s.sourceFileID)?.sourceFileID;
  const fileIDs = new Set([
    ...contractFileIDs(known, ref.ownerId, ref.recordingId, extent),
    ...(revived ? allFileIDs(revived, segments) : []),
    ...segments.flatMap((s) => [s.sourceFileID, s.mp3FileID]).filter((id): id is string => !!id),
  ]);
  await removeFilesChecked(files, [...fileIDs]);
  await removeRecordingChildren(db, ref.recordingId);
  if (revived) await db.remove(COLLECTIONS.recordings, ref.recordingId);
  log.info('late arrivals of a deleted recording removed', {
    recordingId: ref.recordingId,
    files: fileIDs.size,
    revived: !!revived,
  });
}

/** deleteRecording: a student withdraws one of their own recordings. */
export async function deleteOwnRecording(
  handle: CloudHandle,
  callerId: string | undefined,
  input: unknown,
): Promise<DeleteRecordingResponse> {
  const ownerId = requireOwnerId(callerId);
  const { recordingId } = checkPayload(DeleteRecordingRequestSchema, input);
  const stores = openStores(handle);
  const recording = await stores.db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
  // Gone already (a repeat after a lost reply): the same end state, nothing to do.
  if (!recording) return { recordingId, deleted: false, deletedFiles: 0 };
  if (recording._openid !== ownerId) {
    throw new AppError(ErrorCode.NOT_OWNER, 'this recording belongs to someone else');
  }
  return deleteRecordingData(stores, recording, 'student');
}
