/**
 * Walks every route the admin server registers (harness/admin/route-table.ts) without credentials: each
 * one not listed here as public must answer 401 before reading its body.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RouteEntry } from '../../admin/server/http/route-list';
import { startAdminFixture, type AdminFixture } from './support/fixture';

const PUBLIC_ROUTES = new Set([
  'POST /api/login',
  'GET /api/public/share/:token',
  'GET /api/public/share/:token/audio',
  'GET /api/public/share/:token/video',
  'GET /record',
  'GET /record/api/ticket',
  'POST /record/api/student',
  'GET /record/api/assignment/:id',
  'GET /*',
]);

let f: AdminFixture;
let routes: RouteEntry[];

beforeAll(async () => {
  const script = path.resolve(__dirname, '../../harness/admin/route-table.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    cwd: path.resolve(__dirname, '../..'),
  });
  routes = JSON.parse(stdout) as RouteEntry[];
  f = await startAdminFixture();
});
afterAll(async () => {
  await f.close();
});

/** HEAD routes are Fastify's automatic twins of GET routes: the GET entry decides. */
const routeKey = (r: RouteEntry) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`;
const isPublic = (r: RouteEntry) => PUBLIC_ROUTES.has(routeKey(r));

test('the route table lists the teacher API and every public route', () => {
  expect(new Set(routes.filter(isPublic).map(routeKey))).toEqual(PUBLIC_ROUTES);
  expect(routes.filter((r) => !isPublic(r)).length).toBeGreaterThan(15);
});

test('every route not listed as public answers 401 to a stranger, without parsing the body', async () => {
  const answers: string[] = [];
  for (const route of routes.filter((r) => !isPublic(r))) {
    const url = f.url + route.url.replace(/:(\w+)/g, 'x1');
    const hasBody = !['GET', 'HEAD'].includes(route.method);
    // Malformed JSON: a route that parsed it before authenticating would answer 400.
    const res = await fetch(url, {
      method: route.method,
      headers: hasBody ? { 'content-type': 'application/json' } : {},
      body: hasBody ? '{"not json' : undefined,
    });
    answers.push(`${route.method} ${route.url} → ${res.status}`);
    if (route.method !== 'HEAD') await res.text();
  }
  expect(answers.filter((a) => !a.endsWith('→ 401'))).toEqual([]);
});

test('every route with a path parameter declares a params schema', () => {
  const withParams = routes.filter((r) => r.url.includes(':'));
  expect(withParams.length).toBeGreaterThan(10);
  expect(withParams.filter((r) => !r.hasParamsSchema).map((r) => `${r.method} ${r.url}`)).toEqual([]);
});
