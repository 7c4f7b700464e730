import { MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_USER } from '../../admin/server/auth/rate-limit';
import { createTeacher } from '../../admin/server/teachers';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { startAdminProcess, type AdminProcess } from '../../harness/admin/admin-process';
import { expectRefused } from './support/expect';
import { TEST_PASSWORD } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';

let emulator: TestEmulator;
let server: AdminProcess;

beforeAll(async () => {
  emulator = await startTestEmulator();
  // Behind a trusted proxy the client address comes from X-Forwarded-For, so tests can play many clients.
  server = await startAdminProcess({
    emulatorUrl: emulator.url,
    envId: emulator.envId,
    env: { ADMIN_TRUST_PROXY: 'true' },
  });
  await createTeacher(emulator.nodeApp(), { username: 'target', password: TEST_PASSWORD });
  await createTeacher(emulator.nodeApp(), { username: 'bystander', password: TEST_PASSWORD });
});
afterAll(async () => {
  await server.close();
  await emulator.stop();
});

function loginFrom(ip: string, username: string, password: string) {
  return new AdminClient(server.url).request(
    'POST',
    '/api/login',
    { username, password },
    { 'x-forwarded-for': ip },
  );
}

test('one client locked out of one account can still sign in from elsewhere and to other accounts', async () => {
  for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i += 1) await loginFrom('10.0.0.1', 'target', `guess-${i}`);
  expectRefused(await loginFrom('10.0.0.1', 'target', TEST_PASSWORD), 429, 'RATE_LIMITED');
  expect((await loginFrom('10.0.0.2', 'target', TEST_PASSWORD)).status).toBe(200);
  expect((await loginFrom('10.0.0.1', 'bystander', TEST_PASSWORD)).status).toBe(200);
});

test('guesses spread over many addresses lock the account once the per-user budget is spent', async () => {
  const spent = MAX_FAILURES_PER_CLIENT; // from the test above, still inside the window
  for (let i = spent; i < MAX_FAILURES_PER_USER; i += 1) {
    expectRefused(await loginFrom(`10.1.0.${i}`, 'target', `guess-${i}`), 401, 'UNAUTHENTICATED');
  }
  expectRefused(await loginFrom('10.2.0.1', 'target', TEST_PASSWORD), 429, 'RATE_LIMITED');
  expect((await loginFrom('10.2.0.1', 'bystander', TEST_PASSWORD)).status).toBe(200);
});
