/**
 * Attacks on teacher accounts: weak passwords, sessions outliving a password change, user names told
 * apart by how long the login takes, and a spoofed X-Forwarded-For.
 */
import crypto from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { registerScopes } from '../../admin/server/auth/plugin';
import { registerLoginRoute } from '../../admin/server/auth/routes';
import { readConfig } from '../../admin/server/config';
import { toContext } from '../../admin/server/context';
import { installErrorHandler } from '../../admin/server/http/errors';
import { createTeacher } from '../../admin/server/teachers';
import { startAdminProcess } from '../../harness/admin/admin-process';
import { AdminClient } from '../../harness/admin/http-client';
import { expectRefused } from './support/expect';
import { teacherCli } from './support/teacher-cli';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from './support/fixture';

let f: AdminFixture;
beforeAll(async () => {
  f = await startAdminFixture();
});
afterAll(async () => {
  await f.close();
});

test.each(['12345678', '1234567890', 'password1234', 'QWERTYUIOP', 'short one'])(
  'the password %s is refused for a new teacher',
  async (password) => {
    await expect(
      createTeacher(f.app, { username: `weak_${password.length}`, password }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  },
);

test('`admin:teacher passwd` ends every session of that teacher', async () => {
  const { client: first } = await f.teacher('changing');
  const second = new AdminClient(f.url);
  expect((await second.login('changing', TEST_PASSWORD)).status).toBe(200);
  await teacherCli(f.emulator, ['passwd', 'changing', '--password', 'a brand new passphrase']);
  expectRefused(await first.request('GET', '/api/me'), 401, 'UNAUTHENTICATED');
  expectRefused(await second.request('GET', '/api/me'), 401, 'UNAUTHENTICATED');
  expect((await new AdminClient(f.url).login('changing', 'a brand new passphrase')).status).toBe(200);
});

test('a login for an unknown user name computes a password hash like a known one', async () => {
  await createTeacher(f.app, { username: 'known', password: TEST_PASSWORD });
  const app = Fastify();
  app.decorate(
    'admin',
    toContext({
      cloud: f.app,
      dataDir: '/nonexistent',
      sessionSecret: 's'.repeat(32),
      shareSecret: 't'.repeat(32),
    }),
  );
  await app.register(fastifyCookie);
  installErrorHandler(app);
  await registerScopes(app, { teacher: [], public: [registerLoginRoute] });
  const login = (username: string) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { username, password: 'not it at all' } });
  const scrypt = jest.spyOn(crypto, 'scrypt');
  try {
    expect((await login('nobody_here')).statusCode).toBe(401); // warms the dummy hash
    scrypt.mockClear();
    expect((await login('nobody_else')).statusCode).toBe(401);
    const forUnknown = scrypt.mock.calls.length;
    scrypt.mockClear();
    expect((await login('known')).statusCode).toBe(401);
    expect(forUnknown).toBe(1);
    expect(scrypt.mock.calls.length).toBe(1);
  } finally {
    scrypt.mockRestore();
    await app.close();
  }
});

test('ADMIN_TRUST_PROXY=true (trust every hop) is refused at start', () => {
  expect(() =>
    readConfig({ ADMIN_TRUST_PROXY: 'true', SESSION_SECRET: 's'.repeat(32), SHARE_SECRET: 't'.repeat(32) }),
  ).toThrow(/ADMIN_TRUST_PROXY must list/);
});

test('X-Forwarded-For from a peer that is not the configured proxy does not change the client address', async () => {
  const server = await startAdminProcess({
    emulatorUrl: f.emulator.url,
    envId: f.emulator.envId,
    env: { ADMIN_TRUST_PROXY: '10.9.9.9' },
  });
  try {
    await createTeacher(f.app, { username: 'spoofed', password: TEST_PASSWORD });
    const client = new AdminClient(server.url);
    const guess = (i: number) =>
      client.request(
        'POST',
        '/api/login',
        { username: 'spoofed', password: `guess-${i}` },
        { 'x-forwarded-for': `203.0.113.${i}` },
      );
    for (let i = 0; i < 5; i += 1) expectRefused(await guess(i), 401, 'UNAUTHENTICATED');
    expectRefused(await guess(5), 429, 'RATE_LIMITED');
  } finally {
    await server.close();
  }
});
