/** The admin SPA must be built before the admin server can serve it; build it once when missing. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const WEB_DIST = path.join(REPO_ROOT, 'admin/web/dist');

export function ensureWebBuilt(log: (line: string) => void): void {
  if (existsSync(path.join(WEB_DIST, 'index.html')) && existsSync(path.join(WEB_DIST, 'record.html'))) return;
  log('building the admin web app (first start only, ~30 s)…');
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the admin web app failed (npm run build:web)');
}
