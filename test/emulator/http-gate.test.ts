/**
 * Attacks on the emulator's HTTP door (emulator/http/gate.ts, body-budget.ts): a page on another origin
 * posting to /admin, a DNS-rebinding Host, a caller without the access token, and many large bodies at once.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { launchBrowser } from '../support/chromium';
import { dripUntilClosed } from '../support/slow-body';
import { nodeAppFor, startTestEmulator, type TestEmulator } from '../../harness/emulator';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ maxConcurrentBodyBytes: 8 * 1024 * 1024 });
});
afterAll(() => emu.stop());

async function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The exact body the node SDK sends for `doc(id).update(patch)`, caught by a stand-in server. */
async function sdkUpdateBody(id: string, patch: object): Promise<string> {
  let body = '';
  const { server, url } = await listen((req, res) => {
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => res.end('{}'));
  });
  try {
    await nodeAppFor(url, emu.envId)
      .database()
      .collection('reviews')
      .doc(id)
      .update(patch)
      .catch(() => undefined);
    return body;
  } finally {
    server.close();
  }
}

async function score(id: string): Promise<unknown> {
  const { data } = await emu.nodeApp().database().collection('reviews').doc(id).get();
  return (data as Array<{ score: number }>)[0]?.score;
}

test('a page on another origin posting /admin with no-cors and text/plain changes nothing', async () => {
  const db = emu.nodeApp().database();
  // Collections must exist before use, as on CloudBase.
  await db.createCollection('reviews');
  await db.collection('reviews').add({ _id: 'victim', score: 90 });
  await db.collection('reviews').add({ _id: 'control', score: 90 });
  // The control replay proves the captured body is a working write when sent the way the SDK sends it.
  const control = await fetch(`${emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: await sdkUpdateBody('control', { score: 0 }),
  });
  expect(control.status).toBe(200);
  expect(await score('control')).toBe(0);

  const attack = await sdkUpdateBody('victim', { score: 0 });
  const evil = await listen((_req, res) => res.end('<!doctype html><title>evil</title>'));
  const browser = await launchBrowser({});
  try {
    const page = await browser.context.newPage();
    await page.goto(evil.url);
    // Without the token (a page cannot know it), and even with it (were it ever leaked).
    const targets = [`${emu.emulator.origin}/admin`, `${emu.url}/admin`];
    await page.evaluate(
      async ({ urls, body }) => {
        for (const url of urls) {
          const init: RequestInit = {
            method: 'POST',
            mode: 'no-cors',
            headers: { 'content-type': 'text/plain' },
            body,
          };
          await fetch(url, init).catch(() => undefined);
        }
      },
      { urls: targets, body: attack },
    );
  } finally {
    await browser.close();
    evil.server.close();
  }
  expect(await score('victim')).toBe(90);
});

function rawRequest(
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: emu.emulator.port, path, method: 'POST', headers },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('a request naming another Host (DNS rebinding) is refused even with the token', async () => {
  const path = `${new URL(emu.url).pathname}/admin`;
  const body = JSON.stringify({
    action: 'database.queryDocument',
    collectionName: 'teachers',
    queryType: 'WHERE',
  });
  const headers = { 'content-type': 'application/json' };
  const rebound = await rawRequest(path, { ...headers, host: `evil.example:${emu.emulator.port}` }, body);
  expect(rebound.status).toBe(421);
  expect(JSON.parse(rebound.text)).toMatchObject({ code: 'PERMISSION_DENIED' });
  const own = await rawRequest(path, { ...headers, host: `127.0.0.1:${emu.emulator.port}` }, body);
  expect(own.status).toBe(200);
});

test('/admin and /client/* without the access token are refused', async () => {
  const json = { 'content-type': 'application/json' };
  const admin = await fetch(`${emu.emulator.origin}/admin`, { method: 'POST', headers: json, body: '{}' });
  expect(admin.status).toBe(401);
  const client = await fetch(`${emu.emulator.origin}/client/callFunction`, {
    method: 'POST',
    headers: { ...json, 'x-wx-openid': 'someone' },
    body: JSON.stringify({ name: 'getRecordings', data: {} }),
  });
  expect(client.status).toBe(401);
  const wrong = await fetch(`${emu.emulator.origin}/t/${'A'.repeat(32)}/admin`, {
    method: 'POST',
    headers: json,
    body: '{}',
  });
  expect(wrong.status).toBe(401);
});

async function inFlight(): Promise<number> {
  const health = (await (await fetch(`${emu.emulator.origin}/health`)).json()) as {
    bodyBytesInFlight: number;
  };
  return health.bodyBytesInFlight;
}

test('large bodies beyond the concurrent budget are refused before they are read', async () => {
  const path = `${new URL(emu.url).pathname}/admin`;
  const head = (length: number) =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${emu.emulator.port}\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n{`;
  const first = net.connect(emu.emulator.port, '127.0.0.1');
  first.on('error', () => undefined);
  first.write(head(6 * 1024 * 1024));
  try {
    while ((await inFlight()) < 6 * 1024 * 1024) await new Promise((r) => setTimeout(r, 50));
    const second = await rawRequest(
      path,
      { 'content-type': 'application/json', 'content-length': String(6 * 1024 * 1024) },
      '',
    );
    expect(second.status).toBe(503);
    expect(second.text).toContain('RESOURCE_EXHAUSTED');
  } finally {
    first.destroy();
  }
  while ((await inFlight()) > 0) await new Promise((r) => setTimeout(r, 50));
  expect(
    (
      await fetch(`${emu.url}/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).status,
  ).toBe(200);
});

test('a body sent one byte at a time is cut off by the request timeout (npm start shares the process)', async () => {
  const slow = await startTestEmulator({ requestTimeoutMs: 1000 });
  try {
    const head =
      `POST ${new URL(slow.url).pathname}/admin HTTP/1.1\r\nHost: 127.0.0.1:${slow.emulator.port}\r\n` +
      'content-type: application/json\r\ncontent-length: 60000\r\n\r\n';
    const { answer, sent } = await dripUntilClosed(slow.emulator.port, '127.0.0.1', head);
    // 60 000 bytes at 10 a second would take 100 minutes: the emulator hung up long before.
    expect(sent).toBeLessThan(60_000);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  } finally {
    await slow.stop();
  }
});
