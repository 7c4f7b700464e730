/** Share-link tokens: `base64url(payload).base64url(HMAC-SHA256(payload))`, verified in constant time. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SharePayload {
  /** shareLinks document id (revocation lives there). */
  l: string;
  /** recording id */
  r: string;
  /** expiry, ms since epoch */
  e: number;
}

function mac(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function signShareToken(secret: string, payload: SharePayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

function isPayload(value: unknown): value is SharePayload {
  const p = value as SharePayload;
  return typeof p?.l === 'string' && typeof p.r === 'string' && typeof p.e === 'number';
}

/**
 * Node's base64url decoder also takes `+`, `/` and `=` padding, so several spellings would decode to
 * the same token. Only the one spelling we issue is accepted: it must survive a decode/encode round trip.
 */
function canonical(part: string | undefined): part is string {
  return !!part && Buffer.from(part, 'base64url').toString('base64url') === part;
}

/** The payload when the token is in canonical form and the signature is right, else undefined (expiry is the caller's check). */
export function readShareToken(secret: string, token: string): SharePayload | undefined {
  const [body, signature, extra] = token.split('.');
  if (!canonical(body) || !canonical(signature) || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return isPayload(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}
