/** getRecordings: the caller's own recordings, newest first, each with its segments and temporary URLs. */
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import type { GetRecordingsRequest, GetRecordingsResponse, RecordingView } from '../../typings/functions';
import type { CloudHandle } from '../cloud-handle';
import { openStores } from '../cloud-handle';
import type { DocStore, FileStore } from '../store/types';
import { requireOwnerId, requireOwnRecording } from './ownership';
import { checkPayload } from '../../typings/schemas/check-payload';
import { GetRecordingsRequestSchema } from '../../typings/schemas/functions';

/** A student's history page shows this many; older ones stay in the database for the teacher. */
export const HISTORY_LIMIT = 50;
const URL_MAX_AGE_SEC = 2 * 3600;

async function ownRecordings(
  db: DocStore,
  ownerId: string,
  req: GetRecordingsRequest,
): Promise<RecordingDoc[]> {
  if (req.recordingId) {
    return [
      requireOwnRecording(await db.get<RecordingDoc>(COLLECTIONS.recordings, req.recordingId), ownerId),
    ];
  }
  return db.find<RecordingDoc>(
    COLLECTIONS.recordings,
    { _openid: ownerId },
    { orderBy: [['createdAt', 'desc']], limit: HISTORY_LIMIT },
  );
}

/** Signs with the server SDK (storage rules do not apply to it): fileID → temporary URL. */
export async function urlsFor(files: FileStore, fileIDs: string[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  // getTempFileURL takes at most 50 files a call on CloudBase.
  for (let i = 0; i < fileIDs.length; i += 50) {
    for (const item of await files.tempUrls(fileIDs.slice(i, i + 50), URL_MAX_AGE_SEC)) {
      if (item.url) urls.set(item.fileID, item.url);
    }
  }
  return urls;
}

export async function getRecordings(
  handle: CloudHandle,
  callerId: string | undefined,
  input: unknown,
): Promise<GetRecordingsResponse> {
  const ownerId = requireOwnerId(callerId);
  const req = checkPayload(GetRecordingsRequestSchema, input);
  const { db, files } = openStores(handle);
  const recordings = await ownRecordings(db, ownerId, req);
  const ids = recordings.map((r) => r._id);
  const segments =
    ids.length === 0
      ? []
      : await db.findAll<SegmentDoc>(
          COLLECTIONS.segments,
          { recordingId: db.cmd.in(ids), _openid: ownerId },
          { orderBy: [['seq', 'asc']] },
        );
  const fileIDs = [
    ...recordings.flatMap((r) => (r.fullMp3FileID ? [r.fullMp3FileID] : [])),
    ...segments.flatMap((s) => (s.mp3FileID ? [s.mp3FileID] : [])),
  ];
  const urls = await urlsFor(files, fileIDs);
  const views: RecordingView[] = recordings.map((r) => ({
    ...r,
    fullMp3Url: r.fullMp3FileID ? urls.get(r.fullMp3FileID) : undefined,
    segments: segments
      .filter((s) => s.recordingId === r._id)
      .map((s) => ({ ...s, mp3Url: s.mp3FileID ? urls.get(s.mp3FileID) : undefined })),
  }));
  return { recordings: views };
}
