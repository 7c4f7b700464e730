import { randomBytes } from 'node:crypto';
import { startTestEmulator, type NodeApp, type TestEmulator } from '../../harness/emulator';
import { storeSnapshot } from './helpers';

let emu: TestEmulator;
let app: NodeApp;

beforeAll(async () => {
  emu = await startTestEmulator();
  app = emu.nodeApp();
});
afterAll(async () => {
  await emu.stop();
});

test('uploadFile returns a CloudBase fileID and downloadFile returns the same bytes', async () => {
  const bytes = randomBytes(256 * 1024);
  const { fileID } = await app.uploadFile({ cloudPath: 'recordings/o1/r1/0.wav', fileContent: bytes });
  expect(fileID).toBe('cloud://test-env.test-env-1250000000/recordings/o1/r1/0.wav');
  const { fileContent } = await app.downloadFile({ fileID });
  expect(Buffer.compare(fileContent as Buffer, bytes)).toBe(0);
});

test('uploading to the same path replaces the file', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'replace/me.txt', fileContent: Buffer.from('one') });
  await app.uploadFile({ cloudPath: 'replace/me.txt', fileContent: Buffer.from('two') });
  expect(((await app.downloadFile({ fileID })).fileContent as Buffer).toString()).toBe('two');
});

test('a temporary URL serves the file to GET and HEAD with its type and length', async () => {
  const { fileID } = await app.uploadFile({
    cloudPath: 'urls/clip 1.mp3',
    fileContent: Buffer.from('ID3fake'),
  });
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
  expect(fileList[0]).toMatchObject({ fileID, code: 'SUCCESS' });
  const url = encodeURI(fileList[0].tempFileURL);
  const get = await fetch(url);
  expect(get.status).toBe(200);
  expect(get.headers.get('content-type')).toBe('audio/mpeg');
  expect(await get.text()).toBe('ID3fake');
  const head = await fetch(url, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-length')).toBe('7');
});

test('a tampered temporary URL is refused', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'urls/mine.txt', fileContent: Buffer.from('secret') });
  const { fileList } = await app.getTempFileURL({ fileList: [fileID] });
  const res = await fetch(encodeURI(fileList[0].tempFileURL.replace('urls/mine.txt', 'urls/short.txt')));
  expect(res.status).toBe(403);
});

test('deleteFile removes the file; its URL and download then fail', async () => {
  const { fileID } = await app.uploadFile({ cloudPath: 'del/gone.txt', fileContent: Buffer.from('bye') });
  const { fileList: urls } = await app.getTempFileURL({ fileList: [fileID] });
  const { fileList } = await app.deleteFile({ fileList: [fileID] });
  expect(fileList).toEqual([{ fileID, code: 'SUCCESS' }]);
  expect((await fetch(encodeURI(urls[0].tempFileURL))).status).toBe(404);
  await expect(app.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  const again = await app.deleteFile({ fileList: [fileID] });
  expect(again.fileList[0]).toMatchObject({ fileID, code: 'STORAGE_FILE_NONEXIST' });
});

test('unknown and foreign fileIDs get a per-file STORAGE_FILE_NONEXIST', async () => {
  const unknown = 'cloud://test-env.test-env-1250000000/never/was.txt';
  const foreign = 'cloud://other-env.bucket/never/was.txt';
  const { fileList } = await app.getTempFileURL({ fileList: [unknown, foreign] });
  expect(fileList.map((f: { code?: string; tempFileURL: string }) => [f.code, f.tempFileURL])).toEqual([
    ['STORAGE_FILE_NONEXIST', ''],
    ['STORAGE_FILE_NONEXIST', ''],
  ]);
});

test.each([
  ['a leading slash', '/leading-slash.txt', 'must not start with /'],
  ['a double slash', 'a//b.txt', 'must not contain //'],
  ['a parent segment', '../escape.txt', '. or .. segments'],
  ['a nested parent segment', 'a/../../escape.txt', '. or .. segments'],
  ['851 bytes', 'x'.repeat(851), 'longer than 850 bytes'],
])('uploadFile to a path with %s is refused and nothing is written', async (_label, cloudPath, reason) => {
  const before = await storeSnapshot(emu.dataDir);
  await expect(app.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringContaining(reason),
  });
  expect(await storeSnapshot(emu.dataDir)).toEqual(before);
});
