import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';
import { countStored, expectRefused } from './support/expect';
import { startAdminProcess } from '../../harness/admin/admin-process';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from './support/fixture';
import { AdminClient } from '../../harness/admin/http-client';

let f: AdminFixture;
beforeAll(async () => {
  f = await startAdminFixture();
});
afterAll(() => f.close());

test('a wrong password is refused with UNAUTHENTICATED and no session cookie', async () => {
  await f.teacher('wrongpw');
  const client = new AdminClient(f.url);
  const result = await client.login('wrongpw', 'not the password');
  expectRefused(result, 401, 'UNAUTHENTICATED');
  expect(client.cookie).toBe('');
});

test('login sets an httpOnly SameSite=Strict session cookie and /api/me names the teacher', async () => {
  const { teacherId } = await f.teacher('cookie');
  const res = await new AdminClient(f.url).raw('POST', '/api/login', {
    username: 'cookie',
    password: TEST_PASSWORD,
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  expect(cookie).toMatch(/^dr_session=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Strict/i);
  const client = new AdminClient(f.url);
  client.cookie = cookie.split(';')[0];
  expect(await client.data('GET', '/api/me')).toMatchObject({ teacherId, username: 'cookie' });
});

test('the password is stored only as a scrypt hash', async () => {
  await f.teacher('hashed');
  const res = await f.app
    .database()
    .collection(ADMIN_COLLECTIONS.teachers)
    .where({ username: 'hashed' })
    .get();
  const doc = res.data[0] as { passwordHash: string };
  expect(doc.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  expect(doc.passwordHash).not.toContain(TEST_PASSWORD);
});

test('a state change without the CSRF token is refused and writes nothing', async () => {
  const { client, teacherId } = await f.teacher('csrf');
  const forged = await client.request(
    'POST',
    '/api/assignments',
    { title: 'Forged', prompt: '', maxDurationSec: 60 },
    {
      'x-csrf-token': 'guessed-token',
    },
  );
  expectRefused(forged, 403, 'FORBIDDEN');
  expect(await countStored(f.app, ADMIN_COLLECTIONS.assignments, { teacherId })).toBe(0);
});

test('logout ends the session on the server, not just in the browser', async () => {
  const { client } = await f.teacher('logout');
  const cookie = client.cookie;
  await client.data('POST', '/api/logout');
  const replay = new AdminClient(f.url);
  replay.cookie = cookie;
  const me = await replay.request('GET', '/api/me');
  expect(me.status).toBe(401);
});

test('after five failed logins even the right password is rate limited', async () => {
  await f.teacher('limited');
  const client = new AdminClient(f.url);
  for (let i = 0; i < 5; i += 1) expect((await client.login('limited', `wrong-${i}`)).status).toBe(401);
  const blocked = await client.login('limited', TEST_PASSWORD);
  expect(blocked.status).toBe(429);
  expect(blocked.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
});

test('a malformed login body gets INVALID_ARGUMENT', async () => {
  const result = await new AdminClient(f.url).request('POST', '/api/login', { username: 'x' });
  expectRefused(result, 400, 'INVALID_ARGUMENT');
});

test('two server instances sharing the secrets serve the same session (stateless)', async () => {
  const secrets = { SESSION_SECRET: 'a'.repeat(32), SHARE_SECRET: 'b'.repeat(32) };
  const options = { emulatorUrl: f.emulator.url, envId: f.emulator.envId, env: secrets };
  const [a, b] = await Promise.all([startAdminProcess(options), startAdminProcess(options)]);
  try {
    await f.teacher('balanced');
    const onA = new AdminClient(a.url);
    expect((await onA.login('balanced', TEST_PASSWORD)).status).toBe(200);
    const onB = new AdminClient(b.url);
    onB.cookie = onA.cookie;
    onB.csrfToken = onA.csrfToken;
    const created = await onB.data<{ _id: string }>('POST', '/api/assignments', {
      title: 'Made on B',
      prompt: 'Read aloud',
      maxDurationSec: 30,
    });
    const listedOnA = await onA.data<{ assignments: Array<{ _id: string }> }>('GET', '/api/assignments');
    expect(listedOnA.assignments.map((x) => x._id)).toEqual([created._id]);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
