/**
 * Login rate limiting kept in the db, so every instance behind a balancer shares the count. Two budgets
 * per 15 minutes: 5 failures per (client IP, user name), and 20 per user name from anywhere, which stops
 * guessing spread over many addresses. Read-then-write may let a concurrent burst slip a few over the
 * limit; that is acceptable for a lockout counter.
 */
import { createHash } from 'node:crypto';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { AdminContext } from '../context';
import { ADMIN_COLLECTIONS } from '../store/collections';

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_CLIENT = 5;
export const MAX_FAILURES_PER_USER = 20;

interface AttemptDoc {
  _id: string;
  failures: number;
  windowStart: Date;
}

interface Budget {
  key: string;
  max: number;
}

function hashed(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function budgets(ip: string, username: string): Budget[] {
  const user = username.toLowerCase();
  return [
    { key: hashed(`client\n${ip}\n${user}`), max: MAX_FAILURES_PER_CLIENT },
    { key: hashed(`user\n${user}`), max: MAX_FAILURES_PER_USER },
  ];
}

function windowOpen(ctx: AdminContext, doc: AttemptDoc | undefined): doc is AttemptDoc {
  return !!doc && new Date(doc.windowStart).getTime() + WINDOW_MS > ctx.now();
}

export async function assertLoginAllowed(ctx: AdminContext, ip: string, username: string): Promise<void> {
  for (const budget of budgets(ip, username)) {
    const doc = await ctx.stores.db.get<AttemptDoc>(ADMIN_COLLECTIONS.loginAttempts, budget.key);
    if (windowOpen(ctx, doc) && doc.failures >= budget.max) {
      throw new AppError(ErrorCode.RATE_LIMITED, 'too many failed logins; try again in 15 minutes', true);
    }
  }
}

export async function recordLoginFailure(ctx: AdminContext, ip: string, username: string): Promise<void> {
  for (const { key } of budgets(ip, username)) {
    const doc = await ctx.stores.db.get<AttemptDoc>(ADMIN_COLLECTIONS.loginAttempts, key);
    const open = windowOpen(ctx, doc);
    const failures = open ? doc.failures + 1 : 1;
    const windowStart = open ? doc.windowStart : new Date(ctx.now());
    await ctx.stores.db.replace(ADMIN_COLLECTIONS.loginAttempts, key, { failures, windowStart });
  }
}

/** A successful login clears this client's count; the per-user count runs out with its window. */
export async function clearLoginFailures(ctx: AdminContext, ip: string, username: string): Promise<void> {
  const [perClient] = budgets(ip, username);
  if (perClient) await ctx.stores.db.remove(ADMIN_COLLECTIONS.loginAttempts, perClient.key);
}
