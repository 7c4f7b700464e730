/**
 * The emulator's per-start access token (http/gate.ts). It is also written to `<dataDir>/access-token`
 * (0600): a local tool pointed at a running system by port (`npm run demo`) reads it there. Whoever can
 * read the data directory can read the whole database anyway, so the file gives nobody anything new.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACCESS_PREFIX } from './http/gate';

const TOKEN_FILE = 'access-token';

/** A given token must be long and URL-safe; undefined when none was given. */
export function checkedToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token))
    throw new Error('the emulator access token must be 16-128 of [A-Za-z0-9_-]');
  return token;
}

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** `http://HOST:PORT` + the access prefix: the base every client of the emulator uses. */
export function accessUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}${ACCESS_PREFIX}${token}`;
}

export function writeAccessToken(dataDir: string, token: string): void {
  writeFileSync(path.join(dataDir, TOKEN_FILE), token, { mode: 0o600 });
}

export function readAccessToken(dataDir: string): string {
  return readFileSync(path.join(dataDir, TOKEN_FILE), 'utf8').trim();
}
