/**
 * Runs the real admin server (`admin/server/main.ts`) as a child process against a test emulator, the
 * way it runs in production: its own process, a real port (0 → free), configured only by environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface AdminProcess {
  url: string;
  pid: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export interface AdminProcessOptions {
  emulatorUrl: string;
  envId: string;
  webDir?: string;
  env?: Record<string, string>;
}

const REPO = path.resolve(__dirname, '../..');
const READY = /admin server \(local mode\) on (http:\/\/\S+)/;

function waitForUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = READY.exec(output());
      if (match) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`admin server exited with ${code}:\n${output()}`)));
  });
}

export async function startAdminProcess(options: AdminProcessOptions): Promise<AdminProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admin-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'admin/server/main.ts')], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      EMULATOR_URL: options.emulatorUrl,
      ENV_ID: options.envId,
      ADMIN_PORT: '0',
      ADMIN_DATA_DIR: dataDir,
      ...(options.webDir ? { ADMIN_WEB_DIR: options.webDir } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child, () => text);
    return { url, pid: child.pid as number, output: () => text, close };
  } catch (err) {
    await close();
    throw err;
  }
}
