import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { FIXTURE_FUNCTIONS } from './helpers';

const REPO = path.resolve(__dirname, '..', '..');
let dir: string;
let emu: TestEmulator;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fn-settings-'));
  const functionSettings = path.join(dir, 'cloudbaserc.json');
  const functions = [
    { name: 'slow', timeout: 8, memorySize: 256 },
    { name: 'hog', timeout: 30, memorySize: 128 },
  ];
  await writeFile(functionSettings, JSON.stringify({ version: '2.0', functions }));
  emu = await startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS, functionSettings });
});
afterAll(async () => {
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

async function unlisted(): Promise<TestEmulator> {
  return startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS, functionSettings: false });
}

test('a 4 s function with no settings times out at 3 s with -504003 and its instance is killed', async () => {
  const other = await unlisted();
  try {
    const client = other.client();
    const first = (await client.callFunction({ name: 'slow', data: { ms: 10 }, openid: 'o1' })).result;
    await expect(
      client.callFunction({ name: 'slow', data: { ms: 4000 }, openid: 'o1' }),
    ).rejects.toMatchObject({
      errCode: -504003,
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    });
    const after = (await client.callFunction({ name: 'slow', data: { ms: 10 }, openid: 'o1' })).result;
    expect((after as { pid: number }).pid).not.toBe((first as { pid: number }).pid);
  } finally {
    await other.stop();
  }
});

test('the node SDK sees the time limit as FUNCTIONS_TIME_LIMIT_EXCEEDED', async () => {
  const other = await unlisted();
  try {
    await expect(other.nodeApp().callFunction({ name: 'slow', data: { ms: 4000 } })).rejects.toMatchObject({
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    });
  } finally {
    await other.stop();
  }
});

test('a function listed with an 8 s timeout finishes a 4 s run', async () => {
  const res = await emu.client().callFunction({ name: 'slow', data: { ms: 4000 }, openid: 'o1' });
  expect(res.result).toMatchObject({ pid: expect.any(Number) });
});

test('a function over its 128 MB memory dies and the caller gets an execution failure naming the memory', async () => {
  await expect(
    emu.client().callFunction({ name: 'hog', data: { mb: 400 }, openid: 'o1' }),
  ).rejects.toMatchObject({
    errCode: -504002,
    errMsg: expect.stringMatching(/128 MB memory/),
  });
});

test('the same function within its memory answers', async () => {
  const res = await emu.client().callFunction({ name: 'hog', data: { mb: 8 }, openid: 'o1' });
  expect(res.result).toEqual({ arrays: 8 });
});

test('cloudbaserc.json lists every cloud function of the project, each with a timeout and memory', () => {
  const rc = JSON.parse(readFileSync(path.join(REPO, 'cloudbaserc.json'), 'utf8')) as {
    functions: Array<{ name: string; timeout: number; memorySize: number; runtime: string }>;
  };
  const deployed = readdirSync(path.join(REPO, 'cloudfunctions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  expect(rc.functions.map((f) => f.name).sort()).toEqual(expect.arrayContaining(deployed));
  for (const f of rc.functions) {
    expect(f.timeout).toBeGreaterThanOrEqual(1);
    expect(f.timeout).toBeLessThanOrEqual(60);
    expect([128, 256, 512, 1024, 2048]).toContain(f.memorySize);
    expect(f.runtime).toMatch(/^Nodejs/);
  }
});

test('a settings file with a timeout out of range is refused at start', async () => {
  const bad = path.join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ functions: [{ name: 'slow', timeout: 120 }] }));
  await expect(startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS, functionSettings: bad })).rejects.toThrow(
    /timeout must be a whole number of seconds from 1 to 60/,
  );
});
