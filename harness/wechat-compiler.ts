import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * WeChat's own compilers, offline (DESIGN §5): `miniprogram-ci` checks app.json, the page files and the
 * TypeScript (in a process of its own, harness/wechat-ci-compile.ts); the `wcc` / `wcsc` binaries of
 * `miniprogram-compiler` check every WXML and WXSS file. The binaries are run directly (the npm wrapper hides wcsc's errors), from a private executable copy.
 */

const REPO = path.resolve(__dirname, '..');
const COMPILER_BIN = path.join(REPO, 'node_modules/miniprogram-compiler/bin/linux');

export interface CompileFailure {
  tool: 'miniprogram-ci' | 'wcc' | 'wcsc';
  message: string;
}

/** A copy of the Mini Program project (project.config.json + miniprogram/) to compile or break. */
export function copyProject(into = fs.mkdtempSync(path.join(os.tmpdir(), 'mp-compile-'))): string {
  fs.cpSync(path.join(REPO, 'miniprogram'), path.join(into, 'miniprogram'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'project.config.json'), path.join(into, 'project.config.json'));
  return into;
}

/** Files under `root` ending in `ext`, relative, sorted. */
export function filesWith(root: string, ext: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(ext)) found.push(rel);
    }
  };
  walk('');
  return found.sort();
}

let binDir: string | undefined;

/** The npm package ships the binaries without the execute bit; run a private copy. */
function binary(name: 'wcc' | 'wcsc'): string {
  if (!binDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-compiler-'));
    for (const tool of ['wcc', 'wcsc']) {
      fs.copyFileSync(path.join(COMPILER_BIN, tool), path.join(dir, tool));
      fs.chmodSync(path.join(dir, tool), 0o755);
    }
    binDir = dir;
  }
  return path.join(binDir, name);
}

function run(tool: 'wcc' | 'wcsc', args: string[], cwd: string): CompileFailure | null {
  const res = spawnSync(binary(tool), args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  if (res.error) return { tool, message: res.error.message };
  if (res.status === 0) return null;
  return { tool, message: `${res.stderr.toString()}${res.stdout.toString()}`.trim() || `exit ${res.status}` };
}

/** `wcc` over every WXML file of the Mini Program root (`-d`: debug info, `-cc`: no custom components). */
export function checkWxml(root: string): CompileFailure | null {
  return run('wcc', ['-d', '-cc', '0', ...filesWith(root, '.wxml'), '-gn', '$gwx'], root);
}

/** `wcsc` over every WXSS file (`-pc N`: the first N are page styles, the rest app/common). */
export function checkWxss(root: string): CompileFailure | null {
  const files = filesWith(root, '.wxss');
  const pages = files.filter((file) => file.startsWith('pages/'));
  const common = files.filter((file) => !file.startsWith('pages/'));
  return run('wcsc', ['-db', '-pc', String(pages.length), ...pages, ...common], root);
}

/** What the compile process (harness/wechat-ci-compile.ts) answers. */
export type CiCompileReply = { ok: true; files: string[] } | { ok: false; message: string };

/** The last part of the compile process's stderr (miniprogram-ci narrates there), for a failure's message. */
const STDERR_TAIL = 4000;

const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/**
 * `miniprogram-ci` compile of a project folder, offline, in a process of its own that ends with the
 * compile (see harness/wechat-ci-compile.ts: in this process it would leave a forked compiler that keeps
 * the caller alive for 10 minutes). Resolves to the compiled file names; rejects with miniprogram-ci's
 * error, or after `timeoutMs` with the process killed (SIGKILL: its compiler goes with it).
 */
export function compileWithCi(projectDir: string, timeoutMs = 200_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(REPO, 'harness/wechat-ci-compile.ts'), [projectDir], {
      cwd: REPO,
      // By absolute URL: miniprogram-ci forks its compiler with these flags, in the project folder.
      execArgv: ['--import', TSX_LOADER],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let reply: CiCompileReply | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL)));
    child.on('message', (message) => (reply = message as CiCompileReply));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (reply?.ok) resolve(reply.files);
      else if (reply) reject(new Error(reply.message));
      else
        reject(
          new Error(`miniprogram-ci compile ended (${signal ?? code}) without an answer: ${stderr.trim()}`),
        );
    });
  });
}
