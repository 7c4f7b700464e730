/**
 * Login rate limiting kept in the db, so every instance behind a balancer shares the count: at most
 * MAX_FAILURES failed logins per (client IP, user name) in WINDOW_MS. Read-then-write may let a burst of
 * concurrent guesses slip a few over the limit; that is acceptable for a lockout counter.
 */
import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { AdminContext } from '../context';
import { ADMIN_COLLECTIONS } from '../store/collections';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

interface AttemptDoc {
  _id: string;
  failures: number;
  windowStart: Date;
}

function attemptKey(ip: string, username: string): string {
  return createHash('sha256').update(`${ip}\n${username.toLowerCase()}`).digest('hex');
}

function windowOpen(ctx: AdminContext, doc: AttemptDoc | undefined): doc is AttemptDoc {
  return !!doc && new Date(doc.windowStart).getTime() + WINDOW_MS > ctx.now();
}

export async function assertLoginAllowed(ctx: AdminContext, ip: string, username: string): Promise<void> {
  const doc = await ctx.stores.db.get<AttemptDoc>(ADMIN_COLLECTIONS.loginAttempts, attemptKey(ip, username));
  if (windowOpen(ctx, doc) && doc.failures >= MAX_FAILURES) {
    throw new AppError(ErrorCode.RATE_LIMITED, 'too many failed logins; try again in 15 minutes', true);
  }
}

export async function recordLoginFailure(ctx: AdminContext, ip: string, username: string): Promise<void> {
  const key = attemptKey(ip, username);
  const doc = await ctx.stores.db.get<AttemptDoc>(ADMIN_COLLECTIONS.loginAttempts, key);
  const failures = windowOpen(ctx, doc) ? doc.failures + 1 : 1;
  const windowStart = windowOpen(ctx, doc) ? doc.windowStart : new Date(ctx.now());
  await ctx.stores.db.replace(ADMIN_COLLECTIONS.loginAttempts, key, { failures, windowStart });
}

export async function clearLoginFailures(ctx: AdminContext, ip: string, username: string): Promise<void> {
  await ctx.stores.db.remove(ADMIN_COLLECTIONS.loginAttempts, attemptKey(ip, username));
}
