import { randomBytes } from 'node:crypto';

/** URL-safe random id (base64url of `bytes` random bytes): 18 bytes → 24 chars. */
export function randomId(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}
