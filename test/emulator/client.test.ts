import { EmulatorClient, EmulatorClientError } from '../../emulator/client';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { FIXTURE_FUNCTIONS, FIXTURE_SETTINGS, storeSnapshot } from './helpers';

let emu: TestEmulator;
let client: EmulatorClient;

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS, functionSettings: FIXTURE_SETTINGS });
  client = emu.client();
});
afterAll(async () => {
  await emu.stop();
});

test('uploadFile stores the bytes where the node SDK finds them', async () => {
  const { fileID } = await client.uploadFile({
    cloudPath: 'recordings/o1/rec/0.wav',
    data: Buffer.from('RIFF....'),
    openid: 'o1',
  });
  expect(fileID).toBe('cloud://test-env.test-env-1250000000/recordings/o1/rec/0.wav');
  const { fileContent } = await emu.nodeApp().downloadFile({ fileID });
  expect((fileContent as Buffer).toString()).toBe('RIFF....');
});

test('downloadFile refuses a client a file the node SDK uploaded, as the owner-only rule says', async () => {
  const { fileID } = await emu
    .nodeApp()
    .uploadFile({ cloudPath: 'shared/a.bin', fileContent: Buffer.from([1, 2, 3]) });
  await expect(client.downloadFile({ fileID, openid: 'o1' })).rejects.toMatchObject({
    errCode: -503002,
    code: 'STORAGE_EXCEED_AUTHORITY',
  });
});

test('getTempFileURL answers per file with wx.cloud status and errMsg', async () => {
  const { fileID } = await client.uploadFile({
    cloudPath: 'recordings/o1/tmp/x.mp3',
    data: Buffer.from('mp3'),
    openid: 'o1',
  });
  const missing = 'cloud://test-env.test-env-1250000000/tmp/none.mp3';
  const { fileList } = await client.getTempFileURL({
    fileList: [fileID, { fileID: missing, maxAge: 60 }],
    maxAge: 120,
    openid: 'o1',
  });
  expect(fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 120 });
  expect(await (await fetch(encodeURI(fileList[0].tempFileURL))).text()).toBe('mp3');
  expect(fileList[1]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '' });
});

test('deleteFile removes the file and reports a missing one', async () => {
  const { fileID } = await client.uploadFile({
    cloudPath: 'recordings/o1/tmp/del.txt',
    data: Buffer.from('x'),
    openid: 'o1',
  });
  const { fileList } = await client.deleteFile({ fileList: [fileID, fileID], openid: 'o1' });
  expect(fileList).toEqual([
    { fileID, status: 0, errMsg: 'ok' },
    { fileID, status: -503003, errMsg: expect.stringContaining('does not exist') },
  ]);
  await expect(client.downloadFile({ fileID, openid: 'o1' })).rejects.toMatchObject({ errCode: -503003 });
});

test('callFunction passes openid, appid and unionid to getWXContext()', async () => {
  const { result } = await client.callFunction<{ context: object }>({
    name: 'whoami',
    openid: 'o-9',
    appid: 'wxapp123',
    unionid: 'u-9',
  });
  expect(result.context).toEqual({
    OPENID: 'o-9',
    APPID: 'wxapp123',
    UNIONID: 'u-9',
    ENV: 'test-env',
    SOURCE: 'wx_client',
  });
});

test('a call without an openid is refused and stores nothing', async () => {
  const before = await storeSnapshot(emu.dataDir);
  const error = await client
    .uploadFile({ cloudPath: 'tmp/anon.txt', data: Buffer.from('x'), openid: '' })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EmulatorClientError);
  expect(error).toMatchObject({ errCode: -501007, errMsg: expect.stringContaining('x-wx-openid') });
  expect(await storeSnapshot(emu.dataDir)).toEqual(before);
});

test('an upload to a path escaping the data directory is refused', async () => {
  const before = await storeSnapshot(emu.dataDir);
  await expect(
    client.uploadFile({ cloudPath: '../../etc/owned', data: Buffer.from('x'), openid: 'o1' }),
  ).rejects.toMatchObject({ errCode: -501007 });
  expect(await storeSnapshot(emu.dataDir)).toEqual(before);
});

test('only the creator may overwrite, delete or read a file', async () => {
  const { fileID } = await client.uploadFile({
    cloudPath: 'recordings/ann/owned.txt',
    data: Buffer.from('ann'),
    openid: 'ann',
  });
  await expect(
    client.uploadFile({ cloudPath: 'recordings/ann/owned.txt', data: Buffer.from('bob'), openid: 'bob' }),
  ).rejects.toMatchObject({
    errCode: -503002,
    code: 'STORAGE_EXCEED_AUTHORITY',
  });
  const { fileList } = await client.deleteFile({ fileList: [fileID], openid: 'bob' });
  expect(fileList[0]).toMatchObject({ fileID, status: -503002 });
  await expect(client.downloadFile({ fileID, openid: 'bob' })).rejects.toMatchObject({ errCode: -503002 });
  await client.uploadFile({
    cloudPath: 'recordings/ann/owned.txt',
    data: Buffer.from('ann v2'),
    openid: 'ann',
  });
  expect((await client.downloadFile({ fileID, openid: 'ann' })).toString()).toBe('ann v2');
});

test('a server SDK may delete a file a user created', async () => {
  const { fileID } = await client.uploadFile({
    cloudPath: 'recordings/cid/owned.txt',
    data: Buffer.from('cid'),
    openid: 'cid',
  });
  expect((await emu.nodeApp().deleteFile({ fileList: [fileID] })).fileList[0]).toMatchObject({
    code: 'SUCCESS',
  });
  await expect(emu.nodeApp().downloadFile({ fileID })).rejects.toMatchObject({
    code: 'STORAGE_FILE_NONEXIST',
  });
});
