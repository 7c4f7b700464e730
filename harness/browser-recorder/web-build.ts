/**
 * The admin web app (admin SPA and recorder page) built exactly as production builds it: Vite with
 * admin/web/vite.config.mts, into a temp dir the admin server then serves.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.join(__dirname, '../..');

export async function buildWebApp(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'dr-web-'));
  await run(
    process.execPath,
    [
      path.join(REPO, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'admin/web/vite.config.mts',
      '--logLevel',
      'error',
    ],
    { cwd: REPO, env: { ...process.env, ADMIN_WEB_OUT_DIR: outDir }, timeout: 180_000 },
  );
  return outDir;
}
