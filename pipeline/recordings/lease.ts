/**
 * Leases: one holder at a time for work that must not run twice at once (finalizing a recording,
 * converting one segment). A lease is a document in `leases` whose `_id` names the work; taking it is an
 * insert, or, when a holder died without letting go (an instance killed at its timeout), a conditional
 * update that only matches an expired lease. Both are single-document operations, atomic on CloudBase
 * and in the emulator, so two callers can never both hold it. A live holder always finishes before its
 * lease expires: leases outlive the longest a cloud function may run (60 s on CloudBase).
 */
import { randomUUID } from 'node:crypto';
import { COLLECTIONS, type LeaseDoc } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import { createLogger } from '../log';
import type { DocStore } from '../store/types';

const log = createLogger('pipeline');

/** CloudBase's longest function timeout (60 s) plus a margin for clock skew between instances. */
export const LEASE_MS = 75_000;

export interface Lease {
  key: string;
  holder: string;
}

export interface LeaseOptions {
  /** The recording the work belongs to (deleting the recording deletes a lease a kill left behind). */
  recordingId: string;
  /** Clock for tests; default Date.now. */
  now?: () => number;
}

/** Takes the lease `key`, or answers undefined while someone else holds a live one. */
export async function tryAcquireLease(
  db: DocStore,
  key: string,
  options: LeaseOptions,
): Promise<Lease | undefined> {
  const now = (options.now ?? Date.now)();
  const holder = randomUUID();
  const doc: LeaseDoc = { _id: key, recordingId: options.recordingId, holder, expiresAtMs: now + LEASE_MS };
  try {
    await db.insert(COLLECTIONS.leases, doc);
    return { key, holder };
  } catch (err) {
    // The SDKs reject a duplicate _id in their own words: a lease that is there is what tells it apart.
    if (!(await db.get<LeaseDoc>(COLLECTIONS.leases, key))) throw err;
  }
  // Someone holds it or held it: take it over only if it has expired (its holder was killed).
  const { _id: _key, ...fields } = doc;
  const taken = await db.updateWhere(COLLECTIONS.leases, { _id: key, expiresAtMs: db.cmd.lt(now) }, fields);
  if (taken === 0) return undefined;
  log.warn('took over an expired lease', { key });
  return { key, holder };
}

/** Lets go of a lease, unless it expired and someone else has taken it since. */
export async function releaseLease(db: DocStore, lease: Lease): Promise<void> {
  await db.removeWhere(COLLECTIONS.leases, { _id: lease.key, holder: lease.holder });
}

/** The answer to a caller that finds the work already running: try again in a moment. */
export function busy(what: string): AppError {
  return new AppError(ErrorCode.UNAVAILABLE, `${what} is already in progress; try again shortly`, true);
}

/**
 * Runs `work` under the lease `key`; while another caller holds it, answers `whenBusy()` instead (which
 * may return what the other caller already finished, or throw `busy(...)`).
 */
export async function withLease<T>(
  db: DocStore,
  key: string,
  options: LeaseOptions & { whenBusy: () => Promise<T> | T },
  work: () => Promise<T>,
): Promise<T> {
  const lease = await tryAcquireLease(db, key, options);
  if (!lease) return options.whenBusy();
  try {
    return await work();
  } finally {
    // A failed release leaves a lease that expires by itself; the work's own outcome stands.
    await releaseLease(db, lease).catch((err: unknown) =>
      log.warn('could not release a lease', { key, err: String(err) }),
    );
  }
}

export const leaseKeys = {
  finalize: (recordingId: string) => `finalize:${recordingId}`,
  segment: (recordingId: string, seq: number) => `segment:${recordingId}:${seq}`,
};
