/**
 * A client upload stores two things: the file's bytes and its creator (the storage rule's
 * `resource.openid`). The emulator can die with kill -9 between the two; the student's retry of the same
 * upload must still be allowed. Found by chaos seed 16539: the bytes landed, the creator did not, and the
 * default write rule (`resource.openid == auth.openid`) refused every retry of the phone's own segment.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compileRules, DEFAULT_STORAGE_RULES } from '../../emulator/storage/rules';
import { Storage } from '../../emulator/storage/storage';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'storage-crash-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function openStorage(): Storage {
  return new Storage({
    dataDir,
    envId: 'crash-env',
    bucket: 'crash-bucket',
    baseUrl: () => 'http://127.0.0.1:1',
    rules: compileRules(DEFAULT_STORAGE_RULES),
  });
}

/** The process dies at the first durable write of `store`: nothing after it in that upload happens. */
function dieAtFirst(write: jest.SpyInstance): void {
  write.mockImplementationOnce(() => Promise.reject(new Error('kill -9')));
}

test.each([
  ['the creator', (s: Storage) => jest.spyOn(s.owners, 'record')],
  ['the bytes', (s: Storage) => jest.spyOn(s.files, 'write')],
])(
  'a client upload cut by a crash at %s is allowed again after the restart, and then holds the bytes',
  async (_, writeOf) => {
    const cloudPath = 'recordings/o-student/rec-1/0.wav';
    const crashed = openStorage();
    dieAtFirst(writeOf(crashed));
    await expect(crashed.write(cloudPath, Buffer.from('first try'), 'o-student')).rejects.toThrow('kill -9');
    // The dead process had loaded its data long before; two loads of one file at once would race.
    await crashed.owners.ready();

    const restarted = openStorage();
    await restarted.write(cloudPath, Buffer.from('the retry'), 'o-student');

    expect((await restarted.files.read(cloudPath))?.toString()).toBe('the retry');
    expect(await restarted.owners.ownerOf(cloudPath)).toBe('o-student');
  },
);
