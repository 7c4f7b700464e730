/**
 * Signed, expiring URLs for uploads and temporary downloads. The key lives in the data directory so
 * URLs handed out before a restart keep working until they expire, like CloudBase's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type UrlPurpose = 'upload' | 'download';

function loadOrCreateKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'url-signing.key');
  if (existsSync(file)) return readFileSync(file);
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600, flush: true });
  return key;
}

export type Verdict = 'ok' | 'expired' | 'bad-signature';

export class UrlSigner {
  private readonly key: Buffer;

  constructor(dataDir: string) {
    this.key = loadOrCreateKey(dataDir);
  }

  sign(purpose: UrlPurpose, cloudPath: string, expiresAtMs: number): string {
    return createHmac('sha256', this.key)
      .update(`${purpose}\n${cloudPath}\n${expiresAtMs}`)
      .digest('base64url');
  }

  /** Query string for a URL that allows `purpose` on `cloudPath` for `ttlMs`. */
  query(purpose: UrlPurpose, cloudPath: string, ttlMs: number): string {
    const expires = Date.now() + ttlMs;
    return `sign=${this.sign(purpose, cloudPath, expires)}&t=${expires}`;
  }

  verify(purpose: UrlPurpose, cloudPath: string, params: URLSearchParams): Verdict {
    const expires = Number(params.get('t'));
    const given = Buffer.from(params.get('sign') ?? '');
    const expected = Buffer.from(this.sign(purpose, cloudPath, expires));
    if (!Number.isFinite(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return 'bad-signature';
    }
    return Date.now() > expires ? 'expired' : 'ok';
  }
}
