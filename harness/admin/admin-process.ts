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
  /** SIGKILL: nothing is flushed, no connection is closed politely. */
  kill9(): Promise<void>;
  close(): Promise<void>;
}

export interface AdminProcessOptions {
  emulatorUrl: string;
  envId: string;
  webDir?: string;
  env?: Record<string, string>;
  /** Listen on this port (default 0: a free one); a restart after kill9 passes the old one. */
  port?: number;
  /** Keep data here (default: a fresh temp folder that close() removes). */
  dataDir?: string;
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
  const ownsData = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'admin-test-')));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'admin/server/main.ts')], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      EMULATOR_URL: options.emulatorUrl,
      ENV_ID: options.envId,
      ADMIN_PORT: String(options.port ?? 0),
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
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const close = async () => {
    await stopWith('SIGTERM');
    if (ownsData) await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await waitForUrl(child, () => text);
    return { url, pid: child.pid as number, output: () => text, kill9: () => stopWith('SIGKILL'), close };
  } catch (err) {
    await close();
    throw err;
  }
}
