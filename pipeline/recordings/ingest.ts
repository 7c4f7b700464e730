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
import type { Stores } from '../store/types';
import { convertSegment, loadSegmentAudio } from './convert';
import { requireOwnerId, requireOwnSegmentFile } from './ownership';
import { busy, leaseKeys, withLease } from './lease';
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

/** The same segment already converted from the same file: its result stands, nothing is redone. */
async function convertedAlready(
  stores: Stores,
  ownerId: string,
  req: { recordingId: string; seq: number; fileID: string },
): Promise<IngestSegmentResponse | undefined> {
  const existing = await stores.db.get<SegmentDoc>(
    COLLECTIONS.segments,
    segmentDocId(req.recordingId, req.seq),
  );
  const same =
    existing?.status === 'converted' && existing.sourceFileID === req.fileID && existing._openid === ownerId;
  return same ? response(existing) : undefined;
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
  // The same call twice (a retry after a lost reply, a duplicated request): the first one's result stands.
  const done = await convertedAlready(stores, ownerId, req);
  if (done) return done;
  const loaded = await loadSegmentAudio(stores, req.fileID);
  if (loaded.audio.sampleRate !== req.sampleRate || loaded.audio.channels !== req.channels) {
    throw new AppError(
      ErrorCode.BAD_AUDIO,
      `WAV is ${loaded.audio.sampleRate} Hz × ${loaded.audio.channels} but the request says ${req.sampleRate} Hz × ${req.channels}`,
    );
  }
  // One conversion of a segment at a time (lease.ts); an overlapping call is told to retry, or gets the result.
  const again = async () => convertedAlready(stores, ownerId, req);
  return withLease(
    stores.db,
    leaseKeys.segment(req.recordingId, req.seq),
    {
      recordingId: req.recordingId,
      whenBusy: async () => {
        const result = await again();
        if (result) return result;
        throw busy(`Converting segment ${req.seq}`);
      },
    },
    async () => {
      const finished = await again(); // the previous holder may have finished it meanwhile
      if (finished) return finished;
      await ensureRecording(stores.db, ownerId, req, options.source ?? 'miniprogram');
      const converted = await convertSegment(
        stores,
        { recordingId: req.recordingId, ownerId, seq: req.seq, sourceFileID: req.fileID, cut: req.cut },
        loaded,
      );
      await refreshTotals(stores.db, req.recordingId);
      return response(converted.doc);
    },
  );
}
