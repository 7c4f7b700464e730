/**
 * The emulator in a process of its own (`emulator/cli.ts`), so it can die for real: `kill9()` sends
 * SIGKILL to its whole process group (the server and every function instance it forked, as a machine
 * crash would), `restart()` starts it again on the same DATA_DIR and port. `killFunction(name)` kills
 * with SIGKILL only the warm instances of one cloud function (found through /proc), the way the platform
 * loses an instance mid-call.
 */
import { randomBytes } from 'node:crypto';
// Node's own timers: the simulator puts the app's timers in the globals, and a killed app's never fire.
import { setTimeout, clearTimeout } from 'node:timers';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EmulatorClient } from '../emulator/client';
import { setupDatabase } from '../scripts/db-setup/setup-database';
import { nodeAppFor, type NodeApp } from './emulator';

const REPO = path.resolve(__dirname, '..');
const READY = /CloudBase emulator listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 120_000;

export interface EmulatorProcess {
  readonly url: string;
  readonly envId: string;
  readonly dataDir: string;
  readonly pid: number;
  client(): EmulatorClient;
  nodeApp(): NodeApp;
  /** SIGKILL to the emulator and its function instances; nothing is flushed or closed. */
  kill9(): Promise<void>;
  /** Starts it again on the same data and port (after kill9 or stop). */
  restart(): Promise<void>;
  /** SIGKILL to the live instances of one function; returns how many died. */
  killFunction(name: string): number;
  /** Kills it and removes its data. */
  stop(): Promise<void>;
  /** Whether its process is up (false after kill9 until restart, or after it died on its own). */
  readonly running: boolean;
  /** How it died, if it died without being killed (once; cleared by reading it). */
  takeUnexpectedExit(): string | undefined;
  output(): string;
}

export interface EmulatorProcessOptions {
  envId?: string;
  /** Reuse a data folder (default: a fresh temp folder that stop() removes). */
  dataDir?: string;
  /** Scratch collections come into being on first use (emulator conformance tests only). */
  autoCreateCollections?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function waitReady(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`emulator did not start:\n${output()}`)),
      START_TIMEOUT_MS,
    );
    const onData = () => {
      const match = READY.exec(output());
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code}:\n${output()}`));
    });
  });
}

/** Pids of live processes whose parent is `parent` and whose command line contains `needle`. */
export function childPids(parent: number, needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (!new RegExp(`^PPid:\\s+${parent}$`, 'm').test(status)) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (cmdline.includes(needle)) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** SIGKILL to `pid`; false when it had already ended (ESRCH). */
export function killIfAlive(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

function killGroup(proc: ChildProcess): void {
  if (!proc.pid || proc.exitCode !== null || proc.signalCode !== null) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL');
  }
}

export async function startEmulatorProcess(options: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
  const envId = options.envId ?? 'chaos-env';
  const ownsData = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'emulator-proc-')));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let url = '';
  // Kept across restart(), so clients made before a kill -9 reach the restarted emulator like phones would.
  const accessToken = randomBytes(24).toString('base64url');
  let text = '';
  let killing = false;
  let unexpectedExit: string | undefined;

  const start = async () => {
    text = '';
    killing = false;
    const proc = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'emulator/cli.ts')], {
      cwd: REPO,
      env: {
        ...process.env,
        EMULATOR_PORT: String(port),
        DATA_DIR: dataDir,
        ENV_ID: envId,
        AUTO_CREATE_COLLECTIONS: options.autoCreateCollections ? 'true' : 'false',
        EMULATOR_ACCESS_TOKEN: accessToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: kill9 reaches the function instances too.
      detached: true,
    });
    proc.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (text = (text + chunk.toString()).slice(-20000)));
    child = proc;
    // Detached, so it would outlive us: whatever ends this process ends the emulator's group too.
    const reap = () => killGroup(proc);
    process.once('exit', reap);
    proc.once('exit', (code, signal) => {
      process.off('exit', reap);
      if (!killing)
        unexpectedExit = `exit ${signal ?? `code ${code}`}; its last output:\n${text.slice(-4000)}`;
    });
    url = await waitReady(proc, () => text);
    // `npm run db:setup`: the declared collections exist, as on a deployed environment.
    await setupDatabase(nodeAppFor(url, envId));
  };

  const kill9 = async () => {
    const proc = child;
    if (!proc?.pid || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    killing = true;
    killGroup(proc);
    await exited;
  };

  await start();
  return {
    get url() {
      return url;
    },
    envId,
    dataDir,
    get pid() {
      return child?.pid ?? 0;
    },
    client: () => new EmulatorClient({ url, envId }),
    nodeApp: () => nodeAppFor(url, envId),
    kill9,
    restart: start,
    killFunction(name) {
      const pids = childPids(child?.pid ?? -1, `${path.sep}${name}${path.sep}index.`);
      // One may end between the listing and the kill (chaos seed 24133: two kills armed 122 ms apart).
      return pids.filter((pid) => killIfAlive(pid)).length;
    },
    async stop() {
      await kill9();
      if (ownsData) await rm(dataDir, { recursive: true, force: true });
    },
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    takeUnexpectedExit() {
      const exit = unexpectedExit;
      unexpectedExit = undefined;
      return exit;
    },
    output: () => text,
  };
}
