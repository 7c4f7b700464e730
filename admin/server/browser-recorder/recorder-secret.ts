/**
 * The key that signs student cookies: derived from a configured secret when there is one, otherwise a
 * random key kept (0600) in the data dir so identities survive restarts without any secret in the repo.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function recorderCookieKey(dataDir: string, configured: string | undefined): Promise<Buffer> {
  if (configured) return createHash('sha256').update(`browser-recorder:${configured}`).digest();
  const file = path.join(dataDir, 'cookie-key');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = randomBytes(32);
  await writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' }).catch(() => undefined);
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
}
