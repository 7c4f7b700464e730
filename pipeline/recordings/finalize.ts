/**
 * finalizeRecording: every segment converted (anything still missing is converted now, from its WAV),
 * then one gapless full.mp3 assembled from the chain pieces. Segments that never arrived make the
 * recording `partial` with `missingSeqs`; the rest still becomes one playable file.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import type { FinalizeRecordingResponse } from '../../typings/functions';
import { fullMp3Path, segmentChainPath, segmentWavPath } from '../../typings/paths';
import { assembleFull } from '../audio/gapless';
import { parseWav } from '../audio/wav';
import { openStores, type CloudHandle } from '../cloud-handle';
import { createLogger } from '../log';
import type { Stores } from '../store/types';
import { keepOnlyWhatPlays, markFinalizing, requireSourcesKept } from './cleanup';
import { convertSegment, loadSegmentAudio } from './convert';
import { busy, leaseKeys, withLease } from './lease';
import { requireOwnerId, requireOwnRecording } from './ownership';
import { listSegments } from './recording-doc';
import { siblingFileId } from './recording-files';
import { checkPayload } from '../../typings/schemas/check-payload';
import { FinalizeRecordingRequestSchema } from '../../typings/schemas/functions';

const log = createLogger('pipeline');

function alreadyFinal(recording: RecordingDoc, segmentCount: number): FinalizeRecordingResponse | undefined {
  if (recording.status !== 'ready' || recording.segmentCount !== segmentCount || !recording.fullMp3FileID) {
    return undefined;
  }
  return {
    recordingId: recording._id,
    status: 'ready',
    durationMs: recording.durationMs,
    fullMp3FileID: recording.fullMp3FileID,
  };
}

/** Converts segments that landed but were never (or not successfully) converted; reports the missing. */
/**
 * A file that is gone (or unreadable as audio) counts as missing; any other failure, such as a storage
 * hiccup, is rethrown so that finalize fails retryably instead of reporting a segment as lost.
 */
function unlessLost(err: unknown): undefined {
  if (err instanceof AppError && (err.code === ErrorCode.NOT_FOUND || err.code === ErrorCode.BAD_AUDIO))
    return undefined;
  throw err;
}

async function convertStragglers(stores: Stores, recording: RecordingDoc, segmentCount: number) {
  const segments = await listSegments(stores.db, recording._id);
  const bySeq = new Map(segments.map((s) => [s.seq, s]));
  const knownFileID = segments[0]?.sourceFileID;
  const converted: SegmentDoc[] = [];
  const missingSeqs: number[] = [];
  for (let seq = 0; seq < segmentCount; seq++) {
    const doc = bySeq.get(seq);
    if (doc?.status === 'converted') {
      converted.push(doc);
      continue;
    }
    // Landed in storage but never (or not successfully) converted: convert it now from its WAV.
    const fileID =
      doc?.sourceFileID ?? siblingFileId(knownFileID, segmentWavPath(recording._openid, recording._id, seq));
    const loaded = fileID ? await loadSegmentAudio(stores, fileID).catch(unlessLost) : undefined;
    if (!fileID || !loaded) {
      missingSeqs.push(seq);
      continue;
    }
    const id = { recordingId: recording._id, ownerId: recording._openid, seq, sourceFileID: fileID };
    // Under the segment's lease: an ingest of the same segment may be converting it right now.
    const convertOnce = async () => (await convertSegment(stores, id, loaded)).doc;
    const whenBusy = () => Promise.reject(busy(`Converting segment ${seq}`));
    const key = leaseKeys.segment(recording._id, seq);
    converted.push(await withLease(stores.db, key, { recordingId: recording._id, whenBusy }, convertOnce));
  }
  return { converted, missingSeqs };
}

/** The full MP3 from the converted segments' chain pieces (re-encoding only what a piece cannot give). */
async function assembleAndStore(stores: Stores, recording: RecordingDoc, converted: SegmentDoc[]) {
  const { files } = stores;
  const pieces = await Promise.all(
    converted.map((s) =>
      files
        .download(siblingFileId(s.sourceFileID, segmentChainPath(recording._openid, recording._id, s.seq))!)
        .catch((err: unknown) => unlessLost(err) ?? null),
    ),
  );
  const full = await assembleFull(pieces, async (index) =>
    parseWav(await files.download(converted[index]!.sourceFileID)),
  );
  const fullMp3FileID = await files.upload(fullMp3Path(recording._openid, recording._id), full.mp3);
  return { fullMp3FileID, durationMs: full.durationMs, rebuilt: full.rebuilt.length };
}

async function finish(
  stores: Stores,
  recording: RecordingDoc,
  segmentCount: number,
): Promise<FinalizeRecordingResponse> {
  const { db } = stores;
  const { converted, missingSeqs } = await convertStragglers(stores, recording, segmentCount);
  const missing = missingSeqs.length > 0 ? { missingSeqs } : {};
  if (converted.length === 0) {
    await db.update(COLLECTIONS.recordings, recording._id, {
      status: 'failed',
      segmentCount,
      missingSeqs,
      updatedAt: new Date(),
    });
    return { recordingId: recording._id, status: 'failed', durationMs: 0, missingSeqs };
  }
  const full = await assembleAndStore(stores, recording, converted);
  const status = missingSeqs.length > 0 ? 'partial' : 'ready';
  await db.update(COLLECTIONS.recordings, recording._id, {
    status,
    segmentCount,
    durationMs: full.durationMs,
    fullMp3FileID: full.fullMp3FileID,
    missingSeqs: missingSeqs.length > 0 ? missingSeqs : db.cmd.remove(),
    updatedAt: new Date(),
  });
  log.debug('recording assembled', {
    recordingId: recording._id,
    segments: converted.length,
    rebuilt: full.rebuilt,
  });
  return {
    recordingId: recording._id,
    status,
    durationMs: full.durationMs,
    fullMp3FileID: full.fullMp3FileID,
    ...missing,
  };
}

export async function finalizeRecording(
  handle: CloudHandle,
  callerId: string | undefined,
  input: unknown,
): Promise<FinalizeRecordingResponse> {
  const ownerId = requireOwnerId(callerId);
  const req = checkPayload(FinalizeRecordingRequestSchema, input);
  const stores = openStores(handle);
  const read = async () =>
    requireOwnRecording(await stores.db.get<RecordingDoc>(COLLECTIONS.recordings, req.recordingId), ownerId);
  const recordingId = (await read())._id;
  // One assembly of a recording at a time (lease.ts): an overlapping call (a client that gave up and
  // retried, a duplicated request) gets the finished result, or is told to retry while the first works.
  const whenBusy = async () => {
    const done = alreadyFinal(await read(), req.segmentCount);
    if (done) return done;
    throw busy('Finalizing this recording');
  };
  const result = await withLease(
    stores.db,
    leaseKeys.finalize(recordingId),
    { recordingId, whenBusy },
    async () => assemble(stores, await read(), req.segmentCount),
  );
  // Outside the lease: cleanup is safe to run twice at once (cleanup.ts), and a kill during it leaves no
  // lease behind, so the next call (a repeat, a retry) resumes it at once. Only a ready recording is cleaned.
  await keepOnlyWhatPlays(stores, recordingId);
  return result;
}

/** The assembly itself, run by the lease's holder on a fresh read of the recording. */
async function assemble(
  stores: Stores,
  recording: RecordingDoc,
  segmentCount: number,
): Promise<FinalizeRecordingResponse> {
  const { db } = stores;
  // A repeat (or a retry after a lost reply): the result stands; the cleanup after it resumes a cut one.
  const done = alreadyFinal(recording, segmentCount);
  if (done) return done;
  requireSourcesKept(recording);
  const started = Date.now();
  await markFinalizing(db, recording);
  let result: FinalizeRecordingResponse;
  try {
    result = await finish(stores, recording, segmentCount);
    const { status, durationMs } = result;
    log.info('recording finalized', {
      recordingId: recording._id,
      status,
      durationMs,
      ms: Date.now() - started,
    });
  } catch (err) {
    // Never leave a recording looking busy forever: it failed this time, and the client retries.
    await db
      .update(COLLECTIONS.recordings, recording._id, { status: 'failed', updatedAt: new Date() })
      .catch((markErr: unknown) =>
        log.warn('could not mark the recording failed', { recordingId: recording._id, err: String(markErr) }),
      );
    throw err;
  }
  return result;
}
