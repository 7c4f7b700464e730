/**
 * Leases: one holder at a time for work that must not run twice at once (finalizing a recording,
 * converting one segment). A lease is a document in `leases` whose `_id` names the work; taking it is an
 * insert, or, when a holder died without letting go (an instance killed at its timeout, or with the
 * whole server), a conditional update that only matches an expired lease. Both are single-document
 * operations, atomic on CloudBase and in the emulator, so two callers never both take it. The holder
 * renews it every few seconds while it works, so a lease can be short: a killed holder blocks the work
 * for at most LEASE_MS. Should a holder stall past that (its event loop blocked), a second run may start;
 * that is harmless, as both write the same files and documents, and the one step that is not (deleting
 * sources while a finalize needs them) is guarded by conditional writes of its own (cleanup.ts).
 */
import { randomUUID } from 'node:crypto';
import { COLLECTIONS, type LeaseDoc } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import { createLogger } from '../log';
import type { DocStore } from '../store/types';

const log = createLogger('pipeline');

/** How long a lease lives without renewal: how long a killed holder blocks the work. */
export const LEASE_MS = 20_000;
/** The holder renews well before expiry, so a few slow database calls do not lose it. */
const RENEW_EVERY_MS = 4_000;

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

/** Pushes the lease's expiry on; a lease someone took over meanwhile is logged, not fought for. */
async function renewLease(db: DocStore, lease: Lease, now: () => number): Promise<void> {
  const renewed = await db.updateWhere(
    COLLECTIONS.leases,
    { _id: lease.key, holder: lease.holder },
    { expiresAtMs: now() + LEASE_MS },
  );
  if (renewed === 0) log.warn('lost a lease while working', { key: lease.key });
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
  const now = options.now ?? Date.now;
  const renewal = setInterval(() => {
    renewLease(db, lease, now).catch((err: unknown) =>
      log.warn('could not renew a lease', { key, err: String(err) }),
    );
  }, RENEW_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(renewal);
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
