import { EmulatorClientError } from '../../emulator/client';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { FIXTURE_FUNCTIONS } from './helpers';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({
    functionsDir: FIXTURE_FUNCTIONS,
    functionTimeoutMs: 2000,
    maxInstancesPerFunction: 2,
  });
});
afterAll(async () => {
  await emu.stop();
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until the process is gone (a SIGKILL takes effect asynchronously); false if it never goes. */
async function stops(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && isRunning(pid); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return !isRunning(pid);
}

test('callFunction resolves with what main returned', async () => {
  const { result, requestId } = await emu
    .client()
    .callFunction({ name: 'whoami', data: { echo: { deep: [1, 2] } }, openid: 'o-1' });
  expect(result).toMatchObject({ echo: { deep: [1, 2] } });
  expect(requestId).toMatch(/^[0-9a-f]{32}$/);
});

test('a function that throws rejects with FUNCTIONS_EXECUTE_FAIL and its message', async () => {
  const error = await emu
    .client()
    .callFunction({ name: 'boom', data: { message: 'kaput' }, openid: 'o-1' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EmulatorClientError);
  expect(error).toMatchObject({
    errCode: -504002,
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errMsg: expect.stringContaining('kaput'),
  });
  await expect(
    emu.nodeApp().callFunction({ name: 'boom', data: { message: 'kaput' } }),
  ).rejects.toMatchObject({
    code: 'FUNCTIONS_EXECUTE_FAIL',
    message: expect.stringContaining('kaput'),
  });
});

test('a function that runs past the time limit answers the platform timeout error', async () => {
  const error = await emu
    .client()
    .callFunction({ name: 'sleepy', openid: 'o-1' })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({
    errCode: -504003,
    code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    errMsg: expect.stringContaining('timed out after 2000 ms'),
  });
});

test('an unknown function is FUNCTION_NOT_FOUND', async () => {
  await expect(emu.client().callFunction({ name: 'nope', openid: 'o-1' })).rejects.toMatchObject({
    errCode: -501000,
    code: 'FUNCTION_NOT_FOUND',
  });
  await expect(emu.client().callFunction({ name: '../boom', openid: 'o-1' })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
  });
});

test('a warm instance serves the next call, each with its own caller', async () => {
  const first = await emu
    .client()
    .callFunction<{ pid: number; invocations: number; context: object }>({ name: 'whoami', openid: 'alice' });
  const second = await emu
    .client()
    .callFunction<{ pid: number; invocations: number; context: object }>({ name: 'whoami', openid: 'bob' });
  expect(second.result.pid).toBe(first.result.pid);
  expect(second.result.invocations).toBe(first.result.invocations + 1);
  expect(first.result.context).toMatchObject({ OPENID: 'alice' });
  expect(second.result.context).toMatchObject({ OPENID: 'bob' });
});

test('a server SDK call carries no WeChat identity, even on an instance a user used before', async () => {
  await emu.client().callFunction({ name: 'whoami', openid: 'carol' });
  const { result } = (await emu.nodeApp().callFunction({ name: 'whoami', data: {} })) as {
    result: { context: Record<string, unknown> };
  };
  expect(result.context).toEqual({ ENV: 'test-env' });
});

test('concurrent calls share at most maxInstancesPerFunction instances and all succeed', async () => {
  const calls = Array.from({ length: 6 }, () =>
    emu.client().callFunction<{ pid: number }>({ name: 'slow', data: { ms: 300 }, openid: 'o-1' }),
  );
  const pids = new Set((await Promise.all(calls)).map((r) => r.result.pid));
  expect(pids.size).toBe(2);
});

test('close() stops every function instance', async () => {
  const other = await startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS });
  const { result } = await other.client().callFunction<{ pid: number }>({ name: 'whoami', openid: 'o-1' });
  expect(isRunning(result.pid)).toBe(true);
  await other.stop();
  expect(await stops(result.pid)).toBe(true);
});

test('idle instances are reaped', async () => {
  const other = await startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS, functionIdleMs: 500 });
  try {
    const first = await other.client().callFunction<{ pid: number }>({ name: 'whoami', openid: 'o-1' });
    expect(await stops(first.result.pid)).toBe(true);
    const second = await other.client().callFunction<{ pid: number }>({ name: 'whoami', openid: 'o-1' });
    expect(second.result.pid).not.toBe(first.result.pid);
  } finally {
    await other.stop();
  }
});
