/**
 * Temporary URLs answer HTTP Range requests the way COS does, so a browser <video> can seek: one range →
 * 206 with exactly those bytes, a range past the end → 416, anything else → the whole file.
 */
import { randomBytes } from 'node:crypto';
import type { NodeApp } from '../../harness/emulator';
import { emulatorPerFile } from './helpers';

const SIZE = 100_000;
const bytes = randomBytes(SIZE);
const world = emulatorPerFile();
let app: NodeApp;
let url: string;

beforeAll(async () => {
  app = world.emu.nodeApp();
  const { fileID } = await app.uploadFile({ cloudPath: 'ranges/video.webm', fileContent: bytes });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 600 }] });
  url = encodeURI(fileList[0].tempFileURL);
});

async function get(range?: string, method = 'GET') {
  const res = await fetch(url, { method, headers: range ? { range } : {} });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

test.each([
  ['bytes=0-99', 0, 99],
  ['bytes=1000-1999', 1000, 1999],
  ['bytes=50000-', 50000, SIZE - 1],
  ['bytes=-500', SIZE - 500, SIZE - 1],
  ['bytes=99000-200000', 99000, SIZE - 1],
  ['bytes=-200000', 0, SIZE - 1],
])('%s answers 206 with exactly bytes %i–%i and their Content-Range', async (range, start, end) => {
  const { res, body } = await get(range);
  expect(res.status).toBe(206);
  expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${SIZE}`);
  expect(res.headers.get('content-length')).toBe(String(end - start + 1));
  expect(res.headers.get('content-type')).toBe('video/webm');
  expect(body.equals(bytes.subarray(start, end + 1))).toBe(true);
});

test('a GET without Range answers 200 with the whole file and announces Accept-Ranges', async () => {
  const { res, body } = await get();
  expect(res.status).toBe(200);
  expect(res.headers.get('accept-ranges')).toBe('bytes');
  expect(body.equals(bytes)).toBe(true);
});

test('HEAD announces Accept-Ranges and the full length without a body', async () => {
  const { res, body } = await get(undefined, 'HEAD');
  expect(res.status).toBe(200);
  expect(res.headers.get('accept-ranges')).toBe('bytes');
  expect(res.headers.get('content-length')).toBe(String(SIZE));
  expect(body.length).toBe(0);
});

test('a range that starts at or past the end answers 416 with the size in Content-Range', async () => {
  const { res, body } = await get(`bytes=${SIZE}-`);
  expect(res.status).toBe(416);
  expect(res.headers.get('content-range')).toBe(`bytes */${SIZE}`);
  expect(body.toString()).toContain('<Code>InvalidRange</Code>');
});

test('an empty suffix range (bytes=-0) is unsatisfiable', async () => {
  const { res } = await get('bytes=-0');
  expect(res.status).toBe(416);
});

test.each(['bytes=0-9,20-29', 'items=0-9', 'bytes=9-0', 'bytes=abc'])(
  'a Range header it does not serve (%s) gets the whole file with 200',
  async (range) => {
    const { res, body } = await get(range);
    expect(res.status).toBe(200);
    expect(body.equals(bytes)).toBe(true);
  },
);

test('any range of an empty file is unsatisfiable', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'ranges/empty.webm', fileContent: Buffer.alloc(0) });
  const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
  const res = await fetch(encodeURI(fileList[0].tempFileURL), { headers: { range: 'bytes=-10' } });
  expect(res.status).toBe(416);
  expect(res.headers.get('content-range')).toBe('bytes */0');
});

test('a range request for a deleted file answers 404', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'ranges/gone.webm', fileContent: bytes });
  const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
  await app.deleteFile({ fileList: [fileID] });
  const res = await fetch(encodeURI(fileList[0].tempFileURL), { headers: { range: 'bytes=0-9' } });
  expect(res.status).toBe(404);
});
