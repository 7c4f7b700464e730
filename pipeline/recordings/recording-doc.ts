/** The recording document: created by the first segment that lands, totals kept from its segments. */
import { AppError, ErrorCode } from '../../typings/errors';
import {
  COLLECTIONS,
  type RecordingDoc,
  type RecordingSource,
  type SegmentDoc,
} from '../../typings/documents';
import type { IngestSegmentRequest } from '../../typings/functions';
import type { DocStore } from '../store/types';

export async function ensureRecording(
  db: DocStore,
  ownerId: string,
  req: IngestSegmentRequest,
  source: RecordingSource,
): Promise<RecordingDoc> {
  const found = await db.get<RecordingDoc>(COLLECTIONS.recordings, req.recordingId);
  if (found) return checkCompatible(found, ownerId, req);
  const now = new Date();
  const doc: RecordingDoc = {
    _id: req.recordingId,
    _openid: ownerId,
    source,
    ...(req.assignmentId ? { assignmentId: req.assignmentId } : {}),
    status: 'recording',
    segmentCount: 0,
    durationMs: 0,
    sampleRate: req.sampleRate,
    channels: req.channels,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await db.insert(COLLECTIONS.recordings, doc);
    return doc;
  } catch (err) {
    // Two segments of a new recording can land at once; the loser reads the winner's document.
    const raced = await db.get<RecordingDoc>(COLLECTIONS.recordings, req.recordingId);
    if (!raced) throw err;
    return checkCompatible(raced, ownerId, req);
  }
}

function checkCompatible(found: RecordingDoc, ownerId: string, req: IngestSegmentRequest): RecordingDoc {
  if (found._openid !== ownerId) {
    throw new AppError(ErrorCode.CONFLICT, 'recordingId is taken by another recording');
  }
  if (found.sampleRate !== req.sampleRate || found.channels !== req.channels) {
    throw new AppError(
      ErrorCode.BAD_AUDIO,
      `segment is ${req.sampleRate} Hz × ${req.channels}, the recording is ${found.sampleRate} Hz × ${found.channels}`,
    );
  }
  return found;
}

export async function listSegments(db: DocStore, recordingId: string): Promise<SegmentDoc[]> {
  return db.findAll<SegmentDoc>(COLLECTIONS.segments, { recordingId }, { orderBy: [['seq', 'asc']] });
}

/** Recompute count and duration from the segments themselves, so repeats and races cannot double-count. */
export async function refreshTotals(db: DocStore, recordingId: string): Promise<void> {
  const segments = await listSegments(db, recordingId);
  const converted = segments.filter((s) => s.status === 'converted');
  await db.update(COLLECTIONS.recordings, recordingId, {
    segmentCount: segments.reduce((max, s) => Math.max(max, s.seq + 1), 0),
    durationMs: converted.reduce((sum, s) => sum + s.durationMs, 0),
    updatedAt: new Date(),
  });
}
