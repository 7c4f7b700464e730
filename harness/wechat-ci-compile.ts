/**
 * `miniprogram-ci` compile of one project folder, run in a process of its own by `compileWithCi`
 * (harness/wechat-compiler.ts): `node --import tsx harness/wechat-ci-compile.ts <projectDir>`, answering
 * over IPC. Why a process: `ci.getCompiledResult` forks a compiler process and keeps no handle to stop it
 * (the child quits after 10 idle minutes, or when its parent goes), and sets `process.env.COMPILE_THREADS`;
 * when this process ends, the compiler's IPC channel closes and it exits (its `disconnect` handler).
 */
import * as ci from 'miniprogram-ci';
import type { CiCompileReply } from './wechat-compiler';

/** Offline: `attr` supplied (else it asks WeChat's servers first) and a placeholder key (only upload/preview use it). */
async function compiledFiles(projectDir: string): Promise<string[]> {
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

/** Sends the answer, then ends this process (and with it the compiler process miniprogram-ci forked). */
function answer(reply: CiCompileReply): void {
  if (!process.send) throw new Error('wechat-ci-compile runs forked, with an IPC channel');
  process.send(reply, () => process.exit(0));
}

const projectDir = process.argv[2];
if (!projectDir) throw new Error('usage: wechat-ci-compile.ts <projectDir>');
compiledFiles(projectDir).then(
  (files) => answer({ ok: true, files }),
  (err: unknown) => answer({ ok: false, message: err instanceof Error ? err.message : String(err) }),
);
