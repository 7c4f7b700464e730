import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { postAdmin, storeSnapshot } from './helpers';

let emu: TestEmulator;
let before: Record<string, string>;

beforeAll(async () => {
  emu = await startTestEmulator({ bodyLimitBytes: 64 * 1024, autoCreateCollections: true });
  const app = emu.nodeApp();
  await app.database().collection('kept').add({ _id: 'k1', v: 1 });
  await app.uploadFile({ cloudPath: 'kept/file.txt', fileContent: Buffer.from('kept') });
});
beforeEach(async () => {
  before = await storeSnapshot(emu.dataDir);
});
afterEach(async () => {
  // Every bad request must leave the documents and files exactly as they were.
  expect(await storeSnapshot(emu.dataDir)).toEqual(before);
});
afterAll(async () => {
  await emu.stop();
});

function envelope(code: string, message: string | RegExp) {
  return {
    code,
    message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message),
    requestId: expect.any(String),
  };
}

test('malformed JSON gets INVALID_PARAM', async () => {
  const { body } = await postAdmin(emu.url, '{"action": "database.insertDocument", ');
  expect(body).toEqual(envelope('INVALID_PARAM', 'not valid JSON'));
});

test('an unknown action gets UNSUPPORTED_ACTION naming it', async () => {
  const { body } = await postAdmin(emu.url, { action: 'database.dropEverything' });
  expect(body).toEqual(envelope('UNSUPPORTED_ACTION', 'unsupported action: database.dropEverything'));
});

test('realtime watch, which the emulator lacks, is UNSUPPORTED_ACTION', async () => {
  const { body } = await postAdmin(emu.url, { action: 'database.watch', collectionName: 'kept' });
  expect(body).toEqual(envelope('UNSUPPORTED_ACTION', 'unsupported action: database.watch'));
});

const BAD_REQUESTS: Array<[string, object, string, string]> = [
  [
    'bad EJSON in a document',
    {
      action: 'database.insertDocument',
      collectionName: 'kept',
      data: ['{"ok":1}', '{"v": {"$numberInt": "x"'],
    },
    'INVALID_PARAM',
    'bad EJSON in data[1]',
  ],
  [
    'bad EJSON in a query',
    {
      action: 'database.removeDocument',
      collectionName: 'kept',
      queryType: 'WHERE',
      query: '{"v":',
      multi: true,
    },
    'INVALID_PARAM',
    'bad EJSON in query',
  ],
  [
    'an update with an unknown operator',
    {
      action: 'database.modifyDocument',
      collectionName: 'kept',
      queryType: 'WHERE',
      query: '{}',
      multi: true,
      merge: true,
      data: '{"$set":{"v":2},"$explode":{"v":1}}',
    },
    'DATABASE_INVALID_OPERRATOR',
    '$explode',
  ],
  [
    'a query with an unknown operator',
    {
      action: 'database.removeDocument',
      collectionName: 'kept',
      queryType: 'WHERE',
      query: '{"v":{"$bogus":1}}',
      multi: true,
    },
    'DATABASE_INVALID_OPERRATOR',
    '$bogus',
  ],
  [
    'a push with a modifier MongoDB does not have',
    {
      action: 'database.modifyDocument',
      collectionName: 'kept',
      queryType: 'WHERE',
      query: '{}',
      multi: true,
      merge: true,
      data: '{"$push":{"list":{"$each":[1],"$shuffle":true}}}',
    },
    'DATABASE_INVALID_OPERRATOR',
    '$shuffle',
  ],
  [
    'a bad collection name',
    { action: 'database.insertDocument', collectionName: '../etc', data: ['{}'] },
    'INVALID_PARAM',
    'bad collectionName',
  ],
  [
    'another environment',
    { action: 'database.getDocument', envName: 'prod-env', collectionName: 'kept', queryType: 'WHERE' },
    'INVALID_ENV',
    'unknown environment: prod-env',
  ],
  [
    'path traversal in an upload path',
    { action: 'storage.getUploadMetadata', path: 'a/../../../outside.txt' },
    'INVALID_PARAM',
    '. or .. segments',
  ],
];

test.each(BAD_REQUESTS)(
  '%s gets the error envelope and changes nothing',
  async (_label, request, code, message) => {
    const { body } = await postAdmin(emu.url, request);
    expect(body).toEqual(envelope(code, message));
  },
);

test('a body over the configured limit gets INVALID_PARAM and is not stored', async () => {
  const big = 'x'.repeat(100 * 1024);
  const { body } = await postAdmin(emu.url, {
    action: 'database.insertDocument',
    collectionName: 'kept',
    data: [JSON.stringify({ big })],
  });
  expect(body).toEqual(envelope('INVALID_PARAM', 'exceeds the limit of 65536 bytes'));
  await expect(
    emu.nodeApp().uploadFile({ cloudPath: 'kept/big.bin', fileContent: Buffer.alloc(100 * 1024) }),
  ).rejects.toMatchObject({
    code: 'STORAGE_REQUEST_FAIL',
    message: expect.stringContaining('EntityTooLarge'),
  });
});

test('a forged upload URL is refused', async () => {
  const { body } = await postAdmin(emu.url, { action: 'storage.getUploadMetadata', path: 'kept/ok.txt' });
  const url = String((body.data as { url: string }).url).replace('kept/ok.txt', 'kept/file.txt');
  const res = await fetch(url, { method: 'PUT', body: 'overwritten' });
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('SignatureDoesNotMatch');
});

test('an unknown fileID gets STORAGE_FILE_NONEXIST from download and delete', async () => {
  const app = emu.nodeApp();
  const fileID = 'cloud://test-env.test-env-1250000000/kept/none.txt';
  await expect(app.downloadFile({ fileID })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  expect((await app.deleteFile({ fileList: [fileID] })).fileList[0]).toMatchObject({
    code: 'STORAGE_FILE_NONEXIST',
  });
});

test('an expired temporary URL is refused', async () => {
  const app = emu.nodeApp();
  const fileID = 'cloud://test-env.test-env-1250000000/kept/file.txt';
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] });
  await new Promise((resolve) => setTimeout(resolve, 1200));
  const res = await fetch(encodeURI(fileList[0].tempFileURL));
  expect(res.status).toBe(403);
  expect(await res.text()).toContain('<Code>AccessDenied</Code>');
});

test('an unknown route answers 404 with the envelope', async () => {
  const res = await fetch(`${emu.url}/nothing-here`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual(envelope('INVALID_PARAM', 'no route for GET /nothing-here'));
});

test('an update may not change _id, whatever operator it uses', async () => {
  for (const data of ['{"_id":"stolen"}', '{"$set":{"_id":"stolen"}}', '{"$rename":{"v":"_id"}}']) {
    const { body } = await postAdmin(emu.url, {
      action: 'database.modifyDocument',
      collectionName: 'kept',
      queryType: 'DOC',
      query: '{"_id":"k1"}',
      merge: true,
      data,
    });
    expect(body).toEqual(envelope('INVALID_PARAM', 'cannot update _id'));
  }
});
