/**
 * Attacks on the admin server's HTTP edge: slow bodies holding connections, missing security headers,
 * share tokens in other spellings, and tokens copied into the request log.
 */
import { readShareToken, signShareToken } from '../../admin/server/share/tokens';
import { startAdminProcess, type AdminProcess } from '../../harness/admin/admin-process';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { dripUntilClosed } from '../support/slow-body';

let emulator: TestEmulator;
let server: AdminProcess;

beforeAll(async () => {
  emulator = await startTestEmulator();
  server = await startAdminProcess({
    emulatorUrl: emulator.url,
    envId: emulator.envId,
    env: { ADMIN_REQUEST_TIMEOUT_MS: '1000' },
  });
});
afterAll(async () => {
  await server.close();
  await emulator.stop();
});

test('a login body sent one byte at a time is cut off by the request timeout', async () => {
  const { hostname, port } = new URL(server.url);
  const head =
    'POST /api/login HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: 60000\r\n\r\n';
  const { answer, sent } = await dripUntilClosed(Number(port), hostname, head);
  // 60 000 bytes at 10 a second would take 100 minutes: the server hung up long before.
  expect(sent).toBeLessThan(60_000);
  expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
});

test('pages carry a Content-Security-Policy and a Permissions-Policy, and no HSTS over plain HTTP', async () => {
  const res = await fetch(`${server.url}/api/me`);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(res.headers.get('permissions-policy')).toContain('microphone=(self)');
  expect(res.headers.get('permissions-policy')).toContain('geolocation=()');
  expect(res.headers.get('strict-transport-security')).toBeNull();
});

test('with secure cookies (behind HTTPS) every answer carries HSTS', async () => {
  const secure = await startAdminProcess({
    emulatorUrl: emulator.url,
    envId: emulator.envId,
    env: { SECURE_COOKIES: 'true' },
  });
  try {
    const res = await fetch(`${secure.url}/api/me`);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  } finally {
    await secure.close();
  }
});

test('a share token is accepted only in the spelling it was issued in', () => {
  const secret = 'x'.repeat(32);
  const token = signShareToken(secret, { l: 'link-1', r: 'rec~1?>~~?', e: Date.now() + 60_000 });
  expect(readShareToken(secret, token)).toMatchObject({ l: 'link-1' });
  const [body = '', sig = ''] = token.split('.');
  const standard = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/');
  const padded = (s: string) => s + '='.repeat(4 - (s.length % 4));
  const variants = [
    `${body}.${padded(sig)}`,
    `${padded(body)}.${sig}`,
    `${standard(body)}.${standard(sig)}`,
    `${body}.${sig}=`,
  ].filter((v) => v !== token);
  expect(variants.length).toBeGreaterThanOrEqual(3);
  for (const variant of variants) expect(readShareToken(secret, variant)).toBeUndefined();
});

test('share tokens in URLs are not written whole to the request log', async () => {
  const token = 'eyJsIjoibGluay0xIiwiciI6InJlYyJ9.' + 'Q'.repeat(43);
  await (await fetch(`${server.url}/api/public/share/${token}/audio`)).text();
  await (await fetch(`${server.url}/share/${token}`)).text();
  expect(server.output()).toContain('/api/public/share/');
  expect(server.output()).not.toContain(token.slice(0, 20));
});
