/**
 * After a recording is `ready`, keep only what plays: full.mp3 and the per-segment MP3s (they serve
 * per-segment playback in the Mini Program and the admin page). Source WAVs and chain pieces only served
 * to make full.mp3 and are deleted once it is stored and verified. A `partial` (or failed) recording keeps
 * everything: a late segment may still arrive and finalize needs its neighbours' sources to join it.
 *
 * Crash-safe and idempotent: the list of fileIDs is journaled in the recording document (`cleanup`,
 * state `deleting`) before the first delete; a cleanup cut off by a kill is resumed with the same list by
 * the next finalize or by the sweep in the retention timer, and deleting a missing file is harmless.
 */
import { COLLECTIONS, type CleanupJournal, type RecordingDoc } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import { mp3FrameSamples } from '../audio/format';
import { frameOffsets } from '../audio/mp3-frames';
import { createLogger } from '../log';
import type { DocStore, Stores } from '../store/types';
import { listSegments } from './recording-doc';
import { sourceFileIDs } from './recording-files';
import { removeFilesChecked } from './remove-files';

const log = createLogger('pipeline');

export type CleanupOutcome = 'done' | 'already-done' | 'kept';

/** full.mp3 must be a clean run of MP3 frames long enough for the recording's duration. */
async function verifyFullMp3(stores: Stores, recording: RecordingDoc): Promise<void> {
  const fail = (why: string) =>
    new AppError(ErrorCode.INTERNAL, `full.mp3 of ${recording._id} is not verified: ${why}`);
  if (!recording.fullMp3FileID) throw fail('no fileID');
  const bytes = await stores.files.download(recording.fullMp3FileID);
  let frames: number;
  try {
    frames = frameOffsets(bytes).length - 2; // the end offset and the Info/LAME tag frame are not audio
  } catch (err) {
    throw fail((err as Error).message);
  }
  const playableMs = (frames * mp3FrameSamples(recording.sampleRate) * 1000) / recording.sampleRate;
  if (playableMs < recording.durationMs)
    throw fail(`${playableMs} ms of frames for ${recording.durationMs} ms`);
}

async function startJournal(stores: Stores, recording: RecordingDoc): Promise<CleanupJournal | undefined> {
  await verifyFullMp3(stores, recording);
  const journal: CleanupJournal = {
    state: 'deleting',
    fileIDs: sourceFileIDs(recording, await listSegments(stores.db, recording._id)),
    startedAt: new Date(),
  };
  // Written before anything is deleted: from here on, a crash leaves a list to finish, never a guess.
  // Only while the recording is still ready: a finalize that took more segments meanwhile (markFinalizing)
  // needs these sources, and exactly one of the two conditional writes wins.
  const { db } = stores;
  const written = await db.updateWhere(
    COLLECTIONS.recordings,
    { _id: recording._id, status: 'ready' },
    { cleanup: journal },
  );
  return written === 1 ? journal : undefined;
}

/** Runs (or resumes) the cleanup of one recording; anything but `ready` keeps its sources. */
export async function keepOnlyWhatPlays(stores: Stores, recordingId: string): Promise<CleanupOutcome> {
  const recording = await stores.db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
  if (!recording || recording.status !== 'ready' || recording.deleting) return 'kept';
  if (recording.cleanup?.state === 'done') return 'already-done';
  const resumed = recording.cleanup?.state === 'deleting';
  const journal = resumed && recording.cleanup ? recording.cleanup : await startJournal(stores, recording);
  if (!journal) return 'kept';
  await removeFilesChecked(stores.files, journal.fileIDs);
  const done: CleanupJournal = {
    state: 'done',
    fileIDs: [],
    startedAt: journal.startedAt,
    deletedFiles: journal.fileIDs.length,
    doneAt: new Date(),
  };
  await stores.db.update(COLLECTIONS.recordings, recordingId, { cleanup: done });
  log.info('sources deleted after ready', { recordingId, files: journal.fileIDs.length, resumed });
  return 'done';
}

/**
 * Marks the recording `finalizing` unless a cleanup has started on it: one conditional write, so a
 * cleanup and a finalize that needs the sources can never both go ahead (see startJournal).
 */
export async function markFinalizing(db: DocStore, recording: RecordingDoc): Promise<void> {
  const marked = await db.updateWhere(
    COLLECTIONS.recordings,
    { _id: recording._id, cleanup: db.cmd.exists(false) },
    { status: 'finalizing', updatedAt: new Date() },
  );
  if (marked === 0) throw sourcesGone(recording._id);
}

function sourcesGone(recordingId: string): AppError {
  return new AppError(
    ErrorCode.CONFLICT,
    `recording ${recordingId} is ready and its sources were deleted; it cannot take more segments`,
  );
}

/** A finalize that would have to rebuild full.mp3 after its sources were deleted cannot: say so. */
export function requireSourcesKept(recording: RecordingDoc): void {
  if (recording.cleanup) throw sourcesGone(recording._id);
}
