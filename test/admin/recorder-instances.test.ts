/**
 * `/record` behind a load balancer: two admin server processes on one emulator with the same configured
 * secrets. Tickets live in the database and the student cookie is signed with the configured secret, so
 * whatever one instance hands out, the other accepts (once, for tickets).
 */
import { createAssignment } from '../../admin/server/assignments/store';
import { openStores } from '../../pipeline/cloud-handle';
import { connectRecorder, registerStudent } from '../../harness/browser-recorder/socket-client';
import { startAdminProcess, type AdminProcess } from '../../harness/admin/admin-process';
import { AdminClient } from '../../harness/admin/http-client';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from './support/fixture';

let f: AdminFixture;
let a: AdminProcess;
let b: AdminProcess;

beforeAll(async () => {
  f = await startAdminFixture();
  const base = { emulatorUrl: f.emulator.url, envId: f.emulator.envId };
  const secrets = { SESSION_SECRET: 'q'.repeat(40), SHARE_SECRET: 'r'.repeat(40) };
  [a, b] = await Promise.all([
    startAdminProcess({ ...base, env: secrets }),
    startAdminProcess({ ...base, env: { ...secrets, SECURE_COOKIES: 'true' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
  await f.close();
});

async function ticketFrom(
  server: AdminProcess,
  cookie: string,
): Promise<{ status: number; ticket?: string }> {
  const res = await fetch(`${server.url}/record/api/ticket`, { headers: { cookie } });
  const body = (await res.json()) as { ok: boolean; data?: { ticket: string } };
  return { status: res.status, ticket: body.data?.ticket };
}

test('a socket ticket minted by one instance opens the socket on the other, once', async () => {
  await f.teacher('balanced_rec');
  const onA = new AdminClient(a.url);
  expect((await onA.login('balanced_rec', TEST_PASSWORD)).status).toBe(200);
  const { ticket } = await ticketFrom(a, onA.cookie);
  expect(ticket).toBeDefined();
  const first = connectRecorder(b.url, ticket);
  expect(await first.next('hello')).toMatchObject({ type: 'hello' });
  first.ws.close();
  const replay = connectRecorder(b.url, ticket);
  expect(await replay.next('error')).toMatchObject({ code: 'UNAUTHENTICATED' });
});

test('a student cookie set by one instance (Secure there) is honoured by the other', async () => {
  const { teacherId } = await f.teacher('class_teacher');
  const assignment = await createAssignment(openStores(f.app).db, teacherId, {
    title: 'Read aloud',
    prompt: 'One two three',
    maxDurationSec: 30,
  });
  const res = await registerStudent(b.url, {
    name: 'Li Lei',
    className: 'Class 1',
    assignmentId: assignment._id,
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/recorder_student=.+; .*Secure/);
  const cookie = setCookie.split(';')[0] ?? '';
  const fromA = await ticketFrom(a, cookie);
  expect(fromA.status).toBe(200);
  const tampered = await ticketFrom(
    a,
    cookie.replace(/web_./, (m) => `web_${m.endsWith('A') ? 'B' : 'A'}`),
  );
  expect(tampered.status).toBe(401);
});
