/**
 * ingestSegment: a segment WAV has landed in storage; make its MP3 and chain piece and write its documents.
 * Order matters: the caller and the audio are checked before anything is written, so bad input leaves
 * nothing behind; the server state is then written as it changes (converting → converted | failed).
 */
import type { RecordingSource, SegmentDoc } from '../../typings/documents';
import { COLLECTIONS, segmentDocId } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import type { IngestSegmentResponse } from '../../typings/functions';
import { openStores, type CloudHandle } from '../cloud-handle';
import { convertSegment, loadSegmentAudio } from './convert';
import { requireOwnerId, requireOwnSegmentFile } from './ownership';
import { ensureRecording, refreshTotals } from './recording-doc';
import { checkPayload } from '../../typings/schemas/check-payload';
import { IngestSegmentRequestSchema } from '../../typings/schemas/functions';

export interface IngestOptions {
  source?: RecordingSource;
}

function response(doc: SegmentDoc): IngestSegmentResponse {
  return {
    recordingId: doc.recordingId,
    seq: doc.seq,
    status: doc.status,
    mp3FileID: doc.mp3FileID ?? '',
    durationMs: doc.durationMs,
  };
}

export async function ingestSegment(
  handle: CloudHandle,
  callerId: string | undefined,
  input: unknown,
  options: IngestOptions = {},
): Promise<IngestSegmentResponse> {
  const ownerId = requireOwnerId(callerId);
  const req = checkPayload(IngestSegmentRequestSchema, input);
  requireOwnSegmentFile(ownerId, req.recordingId, req.seq, req.fileID);
  const stores = openStores(handle);
  const existing = await stores.db.get<SegmentDoc>(
    COLLECTIONS.segments,
    segmentDocId(req.recordingId, req.seq),
  );
  // The same call twice: the first one's result stands, nothing is encoded or written again.
  if (
    existing?.status === 'converted' &&
    existing.sourceFileID === req.fileID &&
    existing._openid === ownerId
  ) {
    return response(existing);
  }
  const loaded = await loadSegmentAudio(stores, req.fileID);
  if (loaded.audio.sampleRate !== req.sampleRate || loaded.audio.channels !== req.channels) {
    throw new AppError(
      ErrorCode.BAD_AUDIO,
      `WAV is ${loaded.audio.sampleRate} Hz × ${loaded.audio.channels} but the request says ${req.sampleRate} Hz × ${req.channels}`,
    );
  }
  await ensureRecording(stores.db, ownerId, req, options.source ?? 'miniprogram');
  const converted = await convertSegment(
    stores,
    { recordingId: req.recordingId, ownerId, seq: req.seq, sourceFileID: req.fileID, cut: req.cut },
    loaded,
  );
  await refreshTotals(stores.db, req.recordingId);
  return response(converted.doc);
}
