/**
 * `npm start` as a newcomer runs it: a child process tree in its own process group, read through its
 * printed banner, stopped with Ctrl-C (SIGINT to the whole group).
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface StartedSystem {
  adminUrl: string;
  emulatorUrl: string;
  envId: string;
  username: string;
  password: string;
  output(): string;
  /** Ctrl-C; resolves once every process of the tree has exited, with how long that took. */
  stop(): Promise<{ stoppedWithinMs: number }>;
}

function parseBanner(text: string): Omit<StartedSystem, 'output' | 'stop'> | undefined {
  const admin = /admin page\s+(http:\/\/\S+?)\/?\s/.exec(text);
  const emulator = /CloudBase emulator\s+(http:\/\/\S+) \(env (\S+)\)/.exec(text);
  const login = /sign in as "([^"]+)" with password: (\S+)/.exec(text);
  if (!admin || !emulator || !login || !text.includes('Ctrl-C stops everything')) return undefined;
  return {
    adminUrl: admin[1],
    emulatorUrl: emulator[1],
    envId: emulator[2],
    username: login[1],
    password: login[2],
  };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ctrl-C reaches the whole foreground group; npm itself dies of it, the system shuts down cleanly. */
async function interruptGroup(pgid: number, timeoutMs: number): Promise<{ stoppedWithinMs: number }> {
  const started = Date.now();
  process.kill(-pgid, 'SIGINT');
  while (groupAlive(pgid)) {
    if (Date.now() - started > timeoutMs) {
      process.kill(-pgid, 'SIGKILL');
      throw new Error(`processes of npm start were still running ${timeoutMs} ms after Ctrl-C`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { stoppedWithinMs: Date.now() - started };
}

export function npmStart(cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<StartedSystem> {
  const child = spawn('npm', ['start'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = exitOf(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`npm start printed no banner within ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const banner = parseBanner(text);
      if (!banner) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => (text += more.toString()));
      resolve({
        ...banner,
        output: () => text,
        stop: () => interruptGroup(child.pid!, 30_000),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before its banner:\n${text}`));
    });
  });
}
