/**
 * Retention: a recording is deleted (the same way a teacher deletes it) once it is older than its
 * assignment's `retentionDays`, or, when the assignment sets none (or there is no assignment), than the
 * deploy default (`RECORDING_RETENTION_DAYS`; unset means kept until someone deletes it). The same run
 * sweeps up what a kill left half-done: deletes marked `deleting` and after-ready cleanups.
 */
import { COLLECTIONS, type AssignmentDoc, type RecordingDoc } from '../../typings/documents';
import { AppError, ErrorCode, toErrorBody } from '../../typings/errors';
import { openStores, type CloudHandle } from '../cloud-handle';
import { MAX_RETENTION_DAYS } from '../../typings/schemas/admin';
import { createLogger } from '../log';
import type { DocStore, Stores } from '../store/types';
import { keepOnlyWhatPlays } from './cleanup';
import { deleteRecordingData } from './delete-recording';

const log = createLogger('pipeline');
const DAY_MS = 24 * 3600 * 1000;
export const RETENTION_ENV = 'RECORDING_RETENTION_DAYS';

/** The deploy default from the environment; a value that is not a whole number of days is refused. */
export function defaultRetentionDays(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[RETENTION_ENV]?.trim();
  if (!raw) return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `${RETENTION_ENV} must be 1–${MAX_RETENTION_DAYS} days, got "${raw}"`,
    );
  }
  return days;
}

/** When a recording made at `createdAt` expires under this retention; undefined means never. */
export function expiryOf(createdAt: Date | string, retentionDays: number | undefined): Date | undefined {
  return retentionDays ? new Date(new Date(createdAt).getTime() + retentionDays * DAY_MS) : undefined;
}

export interface PurgeOptions {
  now: Date;
  defaultRetentionDays?: number;
  /** At most this many recordings are deleted in one run; `more` tells the caller to run again. */
  limit?: number;
}

export interface PurgeResult {
  expired: string[];
  resumedDeletes: string[];
  cleaned: string[];
  /** Recordings whose step failed this run (reported, retried by the next run; one never blocks the rest). */
  failed: Array<{ recordingId: string; code: string; message: string }>;
  more: boolean;
}

type Failures = PurgeResult['failed'];

async function attempt(
  recordingId: string,
  failures: Failures,
  work: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (err) {
    const error = toErrorBody(err);
    failures.push({ recordingId, code: error.code, message: error.message });
    log.warn('retention step failed', { recordingId, code: error.code, message: error.message });
    return false;
  }
}

function before(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

async function expiredRecordings(
  db: DocStore,
  options: PurgeOptions,
  limit: number,
): Promise<RecordingDoc[]> {
  const own = await db.findAll<AssignmentDoc>(COLLECTIONS.assignments, {
    retentionDays: db.cmd.exists(true),
  });
  const found: RecordingDoc[] = [];
  for (const assignment of own) {
    if (found.length > limit || !assignment.retentionDays) continue;
    const where = {
      assignmentId: assignment._id,
      createdAt: db.cmd.lt(before(options.now, assignment.retentionDays)),
    };
    found.push(...(await db.find<RecordingDoc>(COLLECTIONS.recordings, where, { limit: limit + 1 })));
  }
  if (options.defaultRetentionDays && found.length <= limit) {
    const where = {
      assignmentId: db.cmd.nin(own.map((a) => a._id)),
      createdAt: db.cmd.lt(before(options.now, options.defaultRetentionDays)),
    };
    found.push(...(await db.find<RecordingDoc>(COLLECTIONS.recordings, where, { limit: limit + 1 })));
  }
  return found;
}

/** Finishes what a kill cut off: deletes marked `deleting`, cleanups journaled or never run after ready. */
async function sweep(stores: Stores, limit: number, failures: Failures) {
  const { db } = stores;
  const half = await db.find<RecordingDoc>(
    COLLECTIONS.recordings,
    { deleting: db.cmd.exists(true) },
    { limit },
  );
  const resumedDeletes: string[] = [];
  for (const r of half) {
    const reason = r.deleting?.reason ?? 'retention';
    if (await attempt(r._id, failures, () => deleteRecordingData(stores, r, reason)))
      resumedDeletes.push(r._id);
  }
  const unclean = await db.find<RecordingDoc>(
    COLLECTIONS.recordings,
    { status: 'ready', 'cleanup.state': db.cmd.neq('done') },
    { limit },
  );
  const cleaned: string[] = [];
  for (const r of unclean) {
    if (await attempt(r._id, failures, () => keepOnlyWhatPlays(stores, r._id))) cleaned.push(r._id);
  }
  return { resumedDeletes, cleaned };
}

export async function purgeRecordings(stores: Stores, options: PurgeOptions): Promise<PurgeResult> {
  const limit = options.limit ?? 100;
  const failed: Failures = [];
  const swept = await sweep(stores, limit, failed);
  const candidates = await expiredRecordings(stores.db, options, limit);
  const expired: string[] = [];
  for (const recording of candidates.slice(0, limit)) {
    const deleted = await attempt(recording._id, failed, () =>
      deleteRecordingData(stores, recording, 'retention'),
    );
    if (deleted) expired.push(recording._id);
  }
  const result = { ...swept, expired, failed, more: candidates.length > limit };
  log.info('retention run', {
    expired: expired.length,
    resumedDeletes: swept.resumedDeletes.length,
    cleaned: swept.cleaned.length,
    failed: failed.length,
    more: result.more,
  });
  return result;
}

/**
 * purgeRecordings: run by its timer trigger (no caller identity). A call from a Mini Program user is
 * refused: a student must not be able to make the server delete anything on their say.
 */
export async function purgeFromTimer(
  handle: CloudHandle,
  callerId: string | undefined,
  now: Date = new Date(),
): Promise<PurgeResult> {
  if (callerId) throw new AppError(ErrorCode.FORBIDDEN, 'purgeRecordings runs only from its timer trigger');
  return purgeRecordings(openStores(handle), { now, defaultRetentionDays: defaultRetentionDays() });
}
