/**
 * The data directory holds password hashes and children's voices: it is made 0700 (and so is every
 * folder made under it by the processes that set `privateUmask`), whatever the caller's umask.
 */
import { chmodSync, mkdirSync } from 'node:fs';

export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * For the entry points that own their process (`npm run emulator`, `npm start`, `npm run admin`): every
 * file and folder they create is then 0600 / 0700, including the database files NeDB writes itself.
 */
export function privateUmask(): void {
  process.umask(0o077);
}
