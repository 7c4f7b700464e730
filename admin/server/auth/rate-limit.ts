/**
 * Login throttling kept in the db, so every instance behind a balancer shares the counts. Each attempt is
 * counted before its password is checked (auth/counter.ts: atomic, so a concurrent burst counts in full).
 * Per 15-minute window:
 * - 5 attempts per (client address, user name) and 50 per client address are REFUSED: they stop one
 *   source guessing one account, or spraying many.
 * - attempts per user name from anywhere only add DELAY past 20: guessing spread over many addresses is
 *   slowed, but the owner, from their own address, can always still sign in (no lockout by strangers).
 */
import { AppError, ErrorCode } from '../../../typings/errors';
import type { AdminContext } from '../context';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { WindowCounters } from './counter';

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_ATTEMPTS_PER_CLIENT_AND_USER = 5;
export const MAX_ATTEMPTS_PER_CLIENT = 50;
/** Past this many attempts on one account, each attempt waits DELAY_STEP_MS more (up to MAX_DELAY_MS). */
export const SLOW_DOWN_AFTER_PER_USER = 20;
export const DELAY_STEP_MS = 100;
export const MAX_DELAY_MS = 2000;

function keys(ip: string, username: string) {
  const user = username.toLowerCase();
  return { clientUser: `client-user\n${ip}\n${user}`, client: `client\n${ip}`, user: `user\n${user}` };
}

function counters(ctx: AdminContext): WindowCounters {
  return new WindowCounters(ctx.stores.db, ADMIN_COLLECTIONS.loginAttempts, WINDOW_MS, ctx.now);
}

/**
 * Counts this attempt; throws RATE_LIMITED when this client is over a refusing budget, else answers how
 * long to wait before checking the password (the per-account slow-down).
 */
export async function countLoginAttempt(ctx: AdminContext, ip: string, username: string): Promise<number> {
  const k = keys(ip, username);
  const c = counters(ctx);
  const [clientUser, client, user] = await Promise.all([c.add(k.clientUser), c.add(k.client), c.add(k.user)]);
  if (clientUser > MAX_ATTEMPTS_PER_CLIENT_AND_USER || client > MAX_ATTEMPTS_PER_CLIENT) {
    throw new AppError(ErrorCode.RATE_LIMITED, 'too many failed logins; try again in 15 minutes', true);
  }
  return Math.min(Math.max(0, user - SLOW_DOWN_AFTER_PER_USER) * DELAY_STEP_MS, MAX_DELAY_MS);
}

/** A successful login was not a guess: it clears this client's count for the account and is refunded elsewhere. */
export async function loginSucceeded(ctx: AdminContext, ip: string, username: string): Promise<void> {
  const k = keys(ip, username);
  const c = counters(ctx);
  await Promise.all([c.clear(k.clientUser), c.add(k.client, -1), c.add(k.user, -1)]);
}
