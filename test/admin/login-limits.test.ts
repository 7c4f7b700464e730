/**
 * Login throttling as an attacker meets it. The server runs in this process with its clock pinned to the
 * middle of one 15-minute counting window, so a run that straddles a window boundary cannot reset the
 * counts halfway (the counters' documents are keyed by window).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildAdminServer } from '../../admin/server/app';
import {
  MAX_ATTEMPTS_PER_CLIENT,
  MAX_ATTEMPTS_PER_CLIENT_AND_USER,
  SLOW_DOWN_AFTER_PER_USER,
  WINDOW_MS,
} from '../../admin/server/auth/rate-limit';
import { createTeacher } from '../../admin/server/teachers';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { expectRefused } from './support/expect';
import { TEST_PASSWORD } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';

let emulator: TestEmulator;
let server: FastifyInstance;
let serverUrl: string;
let dataDir: string;
const PINNED_NOW = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS + WINDOW_MS / 2;

beforeAll(async () => {
  emulator = await startTestEmulator();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'login-limits-'));
  // The test process is the trusted proxy, so X-Forwarded-For lets it play many clients.
  server = await buildAdminServer({
    cloud: emulator.nodeApp(),
    sessionSecret: 'login-limits-session-secret',
    shareSecret: 'login-limits-share-secret',
    dataDir,
    trustProxy: '127.0.0.1',
    now: () => PINNED_NOW,
  });
  serverUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  for (const username of ['target', 'bystander', 'raced', 'spread', 'owner'])
    await createTeacher(emulator.nodeApp(), { username, password: TEST_PASSWORD });
});
afterAll(async () => {
  await server.close();
  await emulator.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function loginFrom(ip: string, username: string, password: string) {
  return new AdminClient(serverUrl).request(
    'POST',
    '/api/login',
    { username, password },
    { 'x-forwarded-for': ip },
  );
}

test('one client locked out of one account can still sign in from elsewhere and to other accounts', async () => {
  for (let i = 0; i < MAX_ATTEMPTS_PER_CLIENT_AND_USER; i += 1)
    await loginFrom('10.0.0.1', 'target', `guess-${i}`);
  expectRefused(await loginFrom('10.0.0.1', 'target', TEST_PASSWORD), 429, 'RATE_LIMITED');
  expect((await loginFrom('10.0.0.2', 'target', TEST_PASSWORD)).status).toBe(200);
  expect((await loginFrom('10.0.0.1', 'bystander', TEST_PASSWORD)).status).toBe(200);
});

test('40 concurrent wrong guesses from one address: exactly 5 are checked, the rest refused unchecked', async () => {
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => loginFrom('10.3.0.1', 'raced', `guess-${i}`)),
  );
  expect(results.filter((r) => r.status === 401)).toHaveLength(MAX_ATTEMPTS_PER_CLIENT_AND_USER);
  expect(results.filter((r) => r.status === 429)).toHaveLength(40 - MAX_ATTEMPTS_PER_CLIENT_AND_USER);
});

test('100 concurrent guesses from ten addresses: exactly 5 per address are checked', async () => {
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) => loginFrom(`10.4.0.${i % 10}`, 'spread', `guess-${i}`)),
  );
  const checkedPerAddress = Array.from(
    { length: 10 },
    (_, address) => results.filter((r, i) => i % 10 === address && r.status === 401).length,
  );
  expect(checkedPerAddress).toEqual(Array.from({ length: 10 }, () => MAX_ATTEMPTS_PER_CLIENT_AND_USER));
  const checked = checkedPerAddress.reduce((a, b) => a + b, 0);
  expect(results.filter((r) => r.status === 429)).toHaveLength(100 - checked);
});

test('strangers failing on an account from many addresses do not lock its owner out', async () => {
  const strangers = SLOW_DOWN_AFTER_PER_USER + 10;
  for (let i = 0; i < strangers; i += 1)
    expectRefused(await loginFrom(`10.5.${i}.1`, 'owner', `guess-${i}`), 401, 'UNAUTHENTICATED');
  expect((await loginFrom('10.6.0.1', 'owner', TEST_PASSWORD)).status).toBe(200);
});

test('one address spraying many accounts is refused past its own budget', async () => {
  for (let i = 0; i < MAX_ATTEMPTS_PER_CLIENT; i += 1)
    expectRefused(await loginFrom('10.7.0.1', `sprayed${i}`, `guess-${i}`), 401, 'UNAUTHENTICATED');
  expectRefused(await loginFrom('10.7.0.1', 'sprayed_last', 'guess'), 429, 'RATE_LIMITED');
});
