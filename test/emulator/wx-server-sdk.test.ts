import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { FIXTURE_FUNCTIONS, FIXTURE_SETTINGS } from './helpers';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({
    functionsDir: FIXTURE_FUNCTIONS,
    functionSettings: FIXTURE_SETTINGS,
    autoCreateCollections: true,
  });
});
afterAll(async () => {
  await emu.stop();
});

async function run(
  scenario: string,
  event: object = {},
  openid = 'student-1',
): Promise<Record<string, unknown>> {
  const { result } = await emu
    .client()
    .callFunction({ name: 'sdkops', data: { scenario, ...event }, openid });
  return result as Record<string, unknown>;
}

test('wx-server-sdk database calls inside a function land in the store', async () => {
  const out = await run('documents', { id: 'wx-doc-1' });
  expect(out.added).toMatchObject({ _id: 'wx-doc-1' });
  expect(out.updated).toMatchObject({ stats: { updated: 1 } });
  expect(out.matched).toEqual([
    expect.objectContaining({ _id: 'wx-doc-1', owner: 'student-1', n: 3, tags: ['a', 'b'], extra: 'x' }),
  ]);
  expect(out.counted).toBe(1);
  expect(out.replaced).toMatchObject({ _id: 'wx-doc-1-set', stats: { updated: 0, created: 1 } });
  expect(out.removed).toMatchObject({ stats: { removed: 1 } });
  const stored = (await emu.nodeApp().database().collection('wxdocs').doc('wx-doc-1').get()).data[0];
  expect(stored).toMatchObject({ n: 3, tags: ['a', 'b'], owner: 'student-1' });
  expect(stored.at).toBeInstanceOf(Date);
});

test('wx-server-sdk reports a duplicate _id and a missing document as errors', async () => {
  const out = await run('documents', { id: 'wx-doc-2' });
  expect(out.duplicate).toMatchObject({
    failed: true,
    errCode: -502001,
    message: expect.stringContaining('duplicate key'),
  });
  expect(out.missing).toMatchObject({ failed: true, message: expect.stringContaining('does not exist') });
});

test('wx-server-sdk storage calls upload, sign, download and delete', async () => {
  const out = await run('storage', { cloudPath: 'wx/hello.txt', text: 'hello from a function' });
  expect(out.fileID).toBe('cloud://test-env.test-env-1250000000/wx/hello.txt');
  expect(out.urls).toEqual([
    expect.objectContaining({
      fileID: out.fileID,
      status: 0,
      tempFileURL: expect.stringContaining('/tcb-files/wx/hello.txt'),
    }),
  ]);
  expect(out.text).toBe('hello from a function');
  expect(out.deleted).toEqual([{ fileID: out.fileID, status: 0, errMsg: 'ok' }]);
  expect(out.afterDelete).toMatchObject({
    failed: true,
    message: expect.stringContaining('file does not exist'),
  });
});

test('getWXContext() inside a function reports the caller, app and env', async () => {
  const context = await run('context', {}, 'student-42');
  expect(context).toMatchObject({ OPENID: 'student-42', APPID: expect.any(String), ENV: 'test-env' });
});

test('cloud.callFunction from one function invokes another', async () => {
  const out = await run('call', { name: 'whoami', data: { echo: 'nested' } });
  expect(out.result).toMatchObject({ echo: 'nested', context: { ENV: 'test-env' } });
});

test('wx-server-sdk runTransaction commits its reads and writes together, and a rollback applies none', async () => {
  const out = await run('transaction', { id: 'wx-tx-1' });
  expect(out.read).toBe(1);
  expect(out.rolledBack).toMatchObject({ failed: true });
  const { data } = await emu.nodeApp().database().collection('wxtx').orderBy('_id', 'asc').get();
  expect(data).toEqual([
    { _id: 'wx-tx-1', v: 2 },
    { _id: 'wx-tx-1-b', v: 5 },
  ]);
});

test('wx-server-sdk aggregate groups and sorts in the database', async () => {
  const out = await run('aggregate');
  expect(out.list).toEqual([
    { _id: 'A', n: 2, best: 90 },
    { _id: 'B', n: 1, best: 80 },
  ]);
});
