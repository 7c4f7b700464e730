import { readConfig } from '../../admin/server/config';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { startAdminProcess } from '../../harness/admin/admin-process';
import { AdminClient } from '../../harness/admin/http-client';
import { teacherCli } from './support/teacher-cli';

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator.stop());

const cli = (args: string[]) => teacherCli(emulator, args);

test('`admin:teacher add` creates a teacher who can then sign in', async () => {
  const { stdout } = await cli(['add', 'ms_li', '--password', 'a long password', '--display-name', '李老师']);
  expect(stdout).toContain('created teacher "ms_li"');
  const server = await startAdminProcess({ emulatorUrl: emulator.url, envId: emulator.envId });
  try {
    const client = new AdminClient(server.url);
    expect((await client.login('ms_li', 'a long password')).status).toBe(200);
    expect(await client.data('GET', '/api/me')).toMatchObject({ username: 'ms_li', displayName: '李老师' });
  } finally {
    await server.close();
  }
});

test('`admin:teacher add` refuses a short password and a taken name with a clear message', async () => {
  await expect(cli(['add', 'shorty', '--password', 'short'])).rejects.toMatchObject({
    stderr: expect.stringContaining('10 to 256 characters'),
  });
  await cli(['add', 'ms_wang', '--password', 'a long password']);
  await expect(cli(['add', 'ms_wang', '--password', 'another long one'])).rejects.toMatchObject({
    stderr: expect.stringContaining('already exists'),
  });
});

test('local mode seeds the demo teacher from ADMIN_USER / ADMIN_PASSWORD and prints how to sign in', async () => {
  const env = { ADMIN_USER: 'demo_teacher', ADMIN_PASSWORD: 'demo password 1' };
  const server = await startAdminProcess({ emulatorUrl: emulator.url, envId: emulator.envId, env });
  try {
    expect(server.output()).toContain('sign in as "demo_teacher" with password: demo password 1');
    expect((await new AdminClient(server.url).login('demo_teacher', 'demo password 1')).status).toBe(200);
  } finally {
    await server.close();
  }
});

test('cloud mode needs all three CloudBase variables and shared secrets; the emulator keeps local mode', () => {
  const cloud = { TCB_ENV: 'prod-1a2b', TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' };
  const secrets = { SESSION_SECRET: 's'.repeat(32), SHARE_SECRET: 't'.repeat(32) };
  expect(readConfig({ ...cloud, ...secrets })).toMatchObject({
    mode: 'cloud',
    envId: 'prod-1a2b',
    secureCookies: true,
  });
  expect(() => readConfig(cloud)).toThrow(/SESSION_SECRET must be set/);
  const local = readConfig({ ...cloud, ...secrets, EMULATOR_URL: 'http://127.0.0.1:1' });
  expect(local).toMatchObject({ mode: 'local', emulatorUrl: 'http://127.0.0.1:1', host: '127.0.0.1' });
});
