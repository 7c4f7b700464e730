/**
 * `npm run admin:teacher` as an operator runs it, against a test emulator. Its data folder (where local
 * mode keeps its secrets) is a fresh temp folder, never the repository's own `.data/`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = path.resolve(__dirname, '../../..');

export async function teacherCli(emulator: { url: string; envId: string }, args: string[]) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    EMULATOR_URL: emulator.url,
    ENV_ID: emulator.envId,
    ADMIN_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'admin-cli-')),
  };
  return run(process.execPath, ['--import', 'tsx', 'scripts/admin-teacher.ts', ...args], { cwd: REPO, env });
}
