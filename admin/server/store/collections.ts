/** Collections the admin server reads and writes, beyond the shared ones in typings/documents.ts. */
import { COLLECTIONS } from '../../../typings/documents';

export const ADMIN_COLLECTIONS = {
  ...COLLECTIONS,
  /** Login sessions, keyed by an HMAC of the cookie token so a db leak does not leak sessions. */
  adminSessions: 'adminSessions',
  /** Failed-login counters per client and user name (the rate limiter's state, shared by all instances). */
  loginAttempts: 'loginAttempts',
  /** One-time browser-recorder socket tickets (hashed), so any instance can redeem any instance's ticket. */
  recorderTickets: 'recorderTickets',
} as const;
