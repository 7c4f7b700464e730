/** getPlaybackUrls: server-signed temporary URLs for the caller's own recording (see typings). */
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import type { GetPlaybackUrlsResponse } from '../../typings/functions';
import { openStores, type CloudHandle } from '../cloud-handle';
import { requireOwnerId, requireOwnRecording } from './ownership';
import { urlsFor } from './query';
import { checkPayload } from '../../typings/schemas/check-payload';
import { GetPlaybackUrlsRequestSchema } from '../../typings/schemas/functions';

export async function getPlaybackUrls(
  handle: CloudHandle,
  callerId: string | undefined,
  input: unknown,
): Promise<GetPlaybackUrlsResponse> {
  const ownerId = requireOwnerId(callerId);
  const req = checkPayload(GetPlaybackUrlsRequestSchema, input);
  const { db, files } = openStores(handle);
  const recording = requireOwnRecording(
    await db.get<RecordingDoc>(COLLECTIONS.recordings, req.recordingId),
    ownerId,
  );
  const wanted = req.seqs ? new Set(req.seqs) : undefined;
  const segments = (
    await db.findAll<SegmentDoc>(
      COLLECTIONS.segments,
      { recordingId: recording._id, _openid: ownerId },
      { orderBy: [['seq', 'asc']] },
    )
  ).filter((s) => s.mp3FileID && (!wanted || wanted.has(s.seq)));
  const fileIDs = segments.map((s) => s.mp3FileID as string);
  if (recording.fullMp3FileID && !req.seqs) fileIDs.push(recording.fullMp3FileID);
  const urls = await urlsFor(files, fileIDs);
  return {
    recordingId: recording._id,
    fullMp3Url: recording.fullMp3FileID ? urls.get(recording.fullMp3FileID) : undefined,
    segments: segments.flatMap((s) => {
      const mp3Url = urls.get(s.mp3FileID as string);
      return mp3Url ? [{ seq: s.seq, mp3Url }] : [];
    }),
  };
}
