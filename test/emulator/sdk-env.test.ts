import { execFile } from 'node:child_process';
import path from 'node:path';
import { emulatorPerFile } from './helpers';

const suite = emulatorPerFile();
const CLIENT = path.join(__dirname, 'fixtures', 'env-only-client.ts');

interface ClientRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the env-only client in a fresh process whose CloudBase settings come only from `env`. */
function runClient(env: Record<string, string>, id: string): Promise<ClientRun> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(TCB_|TENCENTCLOUD|SCF_|WX_)/.test(key)),
  );
  return new Promise((resolve) => {
    const options = { env: { ...base, ...env }, timeout: 60000, encoding: 'utf8' as const };
    execFile(process.execPath, ['--import', 'tsx', CLIENT, id], options, (err, stdout, stderr) => {
      resolve({ exitCode: err ? Number(err.code ?? -1) : 0, stdout, stderr });
    });
  });
}

test('sdkEnv alone points an unmodified @cloudbase/node-sdk at the emulator', async () => {
  const run = await runClient(suite.emu.emulator.sdkEnv, 'env-1');
  expect(run.exitCode).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({ ok: true, data: [{ _id: 'env-1', from: 'sdkEnv' }] });
  expect((await suite.db.collection('via_env').doc('env-1').get()).data).toEqual([
    { _id: 'env-1', from: 'sdkEnv' },
  ]);
});

test('without the dummy secrets the SDK dies of an unhandled rejection and sends nothing', async () => {
  const env = { ...suite.emu.emulator.sdkEnv };
  delete env.TENCENTCLOUD_SECRETID;
  delete env.TENCENTCLOUD_SECRETKEY;
  const run = await runClient(env, 'env-2');
  expect(run.exitCode).not.toBe(0);
  expect(run.stderr).toContain('missing secretId or secretKey');
  expect((await suite.db.collection('via_env').doc('env-2').get()).data).toEqual([]);
});

test('sdkEnv names the env the emulator serves and its /admin URL', () => {
  const { sdkEnv, envId, url } = suite.emu.emulator;
  expect(sdkEnv).toEqual({
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: expect.any(String),
    TENCENTCLOUD_SECRETKEY: expect.any(String),
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
  });
});
