/** The server state of one segment, written as it changes so a client or operator can see where it stands. */
import { COLLECTIONS, segmentDocId, type SegmentCut, type SegmentDoc } from '../../typings/documents';
import type { ErrorBody } from '../../typings/errors';
import type { DocStore } from '../store/types';

export interface SegmentIdentity {
  recordingId: string;
  ownerId: string;
  seq: number;
  sourceFileID: string;
  /** Why the segment ended, when the caller said; a re-conversion keeps what the first ingest recorded. */
  cut?: SegmentCut;
}

export async function markConverting(
  db: DocStore,
  id: SegmentIdentity,
  facts: { durationMs: number; bytes: number; samples: number },
  previous: SegmentDoc | undefined,
): Promise<SegmentDoc> {
  const now = new Date();
  const cut = id.cut ?? previous?.cut;
  const doc: SegmentDoc = {
    _id: segmentDocId(id.recordingId, id.seq),
    recordingId: id.recordingId,
    _openid: id.ownerId,
    seq: id.seq,
    sourceFileID: id.sourceFileID,
    durationMs: facts.durationMs,
    samples: facts.samples,
    bytes: facts.bytes,
    ...(cut ? { cut } : {}),
    status: 'converting',
    attempts: (previous?.attempts ?? 0) + 1,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  // A whole-document replace also clears the error of an earlier failed attempt.
  await db.replace(COLLECTIONS.segments, doc._id, doc);
  return doc;
}

export async function markConverted(
  db: DocStore,
  doc: SegmentDoc,
  extra: { mp3FileID: string },
): Promise<SegmentDoc> {
  const patch = { status: 'converted' as const, updatedAt: new Date(), ...extra };
  await db.update(COLLECTIONS.segments, doc._id, patch);
  return { ...doc, ...patch };
}

export async function markFailed(db: DocStore, doc: SegmentDoc, error: ErrorBody): Promise<void> {
  await db.update(COLLECTIONS.segments, doc._id, {
    status: 'failed',
    error: { code: error.code, message: error.message },
    updatedAt: new Date(),
  });
}
