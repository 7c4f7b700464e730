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
  /** Ctrl-C; resolves with the exit code of `npm start`. */
  stop(): Promise<number | null>;
}

function parseBanner(text: string): Omit<StartedSystem, 'output' | 'stop'> | undefined {
  const admin = /admin page\s+(http:\/\/\S+?)\/?\s/.exec(text);
  const emulator = /CloudBase emulator\s+(http:\/\/\S+) \(env (\S+)\)/.exec(text);
  const login = /sign in as "([^"]+)" with password: (\S+)/.exec(text);
  if (!admin || !emulator || !login || !text.includes('Ctrl-C stops everything')) return undefined;
  return { adminUrl: admin[1], emulatorUrl: emulator[1], envId: emulator[2], username: login[1], password: login[2] };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
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
        stop: async () => {
          process.kill(-child.pid!, 'SIGINT');
          return exited;
        },
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
