import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';
import { countStored, expectRefused } from './support/expect';
import { startAdminFixture, type AdminFixture } from './support/fixture';

interface AssignmentView {
  _id: string;
  title: string;
  prompt: string;
  maxDurationSec: number;
  dueAt?: string;
  miniProgramPath: string;
  qrCodeUrl: string;
}

let f: AdminFixture;
beforeAll(async () => {
  f = await startAdminFixture();
});
afterAll(() => f.close());

const homework = {
  title: 'Unit 3 reading',
  prompt: 'Read the passage aloud.',
  maxDurationSec: 120,
  dueAt: '2026-12-01T10:00:00.000Z',
};

test('a created assignment is stored and shows its Mini Program path', async () => {
  const { client, teacherId } = await f.teacher('creator');
  const created = await client.data<AssignmentView>('POST', '/api/assignments', homework);
  expect(created.miniProgramPath).toBe(`pages/record/record?assignment=${created._id}`);
  const stored = await f.app.database().collection(ADMIN_COLLECTIONS.assignments).doc(created._id).get();
  expect(stored.data[0]).toMatchObject({ teacherId, title: homework.title, maxDurationSec: 120 });
  expect(new Date(stored.data[0].dueAt).toISOString()).toBe(homework.dueAt);
});

test('a bad field in a body is named the way cloud functions name it, and nothing is stored', async () => {
  const { client, teacherId } = await f.teacher('bad-body');
  const res = await client.request('POST', '/api/assignments', { ...homework, maxDurationSec: 3 });
  expectRefused(res, 400, 'INVALID_ARGUMENT');
  expect(res.body).toMatchObject({ error: { message: 'body.maxDurationSec must be >= 5' } });
  expect(await countStored(f.app, ADMIN_COLLECTIONS.assignments, { teacherId })).toBe(0);
});

test('the QR code is a 256-pixel PNG', async () => {
  const { client } = await f.teacher('qrcode');
  const created = await client.data<AssignmentView>('POST', '/api/assignments', homework);
  const res = await client.raw('GET', created.qrCodeUrl);
  expect(res.headers.get('content-type')).toBe('image/png');
  const png = Buffer.from(await res.arrayBuffer());
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  // IHDR width and height sit at bytes 16–23.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
});

test('an edit changes only the fields sent and survives a reload', async () => {
  const { client } = await f.teacher('editor');
  const created = await client.data<AssignmentView>('POST', '/api/assignments', homework);
  await client.data('PATCH', `/api/assignments/${created._id}`, {
    title: 'Unit 3 reading (v2)',
    dueAt: null,
  });
  const reloaded = await client.data<AssignmentView>('GET', `/api/assignments/${created._id}`);
  expect(reloaded).toMatchObject({
    title: 'Unit 3 reading (v2)',
    prompt: homework.prompt,
    maxDurationSec: 120,
  });
  expect(reloaded.dueAt).toBeUndefined();
});

test('bad assignment input gets INVALID_ARGUMENT and creates nothing', async () => {
  const { client, teacherId } = await f.teacher('badinput');
  const tooLong = await client.request('POST', '/api/assignments', { ...homework, maxDurationSec: 100000 });
  const noTitle = await client.request('POST', '/api/assignments', { ...homework, title: '   ' });
  const badDate = await client.request('POST', '/api/assignments', { ...homework, dueAt: 'next week' });
  for (const result of [tooLong, noTitle, badDate]) expectRefused(result, 400, 'INVALID_ARGUMENT');
  expect(await countStored(f.app, ADMIN_COLLECTIONS.assignments, { teacherId })).toBe(0);
});

test("another teacher can neither list, read, edit nor QR one teacher's assignment", async () => {
  const owner = await f.teacher('owner');
  const other = await f.teacher('other');
  const created = await owner.client.data<AssignmentView>('POST', '/api/assignments', homework);
  const listed = await other.client.data<{ assignments: AssignmentView[] }>('GET', '/api/assignments');
  expect(listed.assignments).toEqual([]);
  for (const [method, path, body] of [
    ['GET', `/api/assignments/${created._id}`, undefined],
    ['PATCH', `/api/assignments/${created._id}`, { title: 'Hijacked' }],
    ['GET', `/api/assignments/${created._id}/qr.png`, undefined],
  ] as const) {
    const result = await other.client.request(method, path, body);
    expect(result.status).toBe(404);
  }
  const stored = await owner.client.data<AssignmentView>('GET', `/api/assignments/${created._id}`);
  expect(stored.title).toBe(homework.title);
});

test('without a session the API answers UNAUTHENTICATED', async () => {
  const res = await fetch(`${f.url}/api/assignments`);
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
});
