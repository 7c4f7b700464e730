import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ci from 'miniprogram-ci';

/**
 * WeChat's own compilers, offline (DESIGN §5): `miniprogram-ci` checks app.json, the page files and the
 * TypeScript; the `wcc` / `wcsc` binaries of `miniprogram-compiler` check every WXML and WXSS file.
 * The binaries are run directly (the npm wrapper hides wcsc's errors), from a private executable copy.
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

/**
 * `miniprogram-ci` compile of a project folder, offline: `attr` supplied (else it asks WeChat's servers
 * first) and a placeholder key (only upload/preview use it). Resolves to the compiled file names.
 */
export async function compileWithCi(projectDir: string): Promise<string[]> {
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: projectDir,
    privateKey: 'offline-compile-only',
    ignores: ['node_modules/**/*'],
    attr: async () => ci.DefaultProjectAttr,
  } as ConstructorParameters<typeof ci.Project>[0]);
  const result = await ci.getCompiledResult({
    project,
    version: '0.0.0',
    setting: { es6: true },
    onProgressUpdate: () => undefined,
  });
  return Object.keys(result);
}
