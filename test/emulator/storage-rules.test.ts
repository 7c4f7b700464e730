import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { readFileSync } from 'node:fs';
import { compileRule, compileRules } from '../../emulator/storage/rules';

const REPO_DATABASE_CONFIG = path.join(__dirname, '..', '..', 'database', 'collections.json');

// The repo's own rule (database/collections.json → storage.rules): owner-only read and write.
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

/** A file a cloud function (server SDK) wrote: no user created it. */
async function serverWritten(cloudPath: string): Promise<string> {
  const res = await emu.nodeApp().uploadFile({ cloudPath, fileContent: Buffer.from('ID3 server mp3') });
  return res.fileID;
}

describe('storage rules for client access (owner-only)', () => {
  it('denies a student a temporary URL for an MP3 a cloud function wrote, per file, with -503002', async () => {
    const serverFile = await serverWritten('recordings/s1/rec-rules-0000001/full.mp3');
    const { fileID: own } = await emu.client().uploadFile({
      cloudPath: 'recordings/s1/rec-rules-0000001/0.wav',
      data: Buffer.from('RIFF'),
      openid: 's1',
    });
    const { fileList } = await emu.client().getTempFileURL({ fileList: [serverFile, own], openid: 's1' });
    expect(fileList[0]).toMatchObject({ fileID: serverFile, status: -503002, tempFileURL: '' });
    expect(fileList[1]).toMatchObject({ fileID: own, status: 0 });
    expect(await (await fetch(encodeURI(fileList[1]?.tempFileURL ?? ''))).text()).toBe('RIFF');
  });

  it("denies a student a download of another student's upload", async () => {
    const { fileID } = await emu.client().uploadFile({
      cloudPath: 'recordings/s2/rec-rules-0000002/0.wav',
      data: Buffer.from('mine'),
      openid: 's2',
    });
    await expect(emu.client().downloadFile({ fileID, openid: 's3' })).rejects.toMatchObject({
      errCode: -503002,
      code: 'STORAGE_EXCEED_AUTHORITY',
    });
    expect((await emu.client().downloadFile({ fileID, openid: 's2' })).toString()).toBe('mine');
  });

  it('refuses a client overwrite or delete of a server-written file and leaves it as it was', async () => {
    const fileID = await serverWritten('recordings/s4/rec-rules-0000004/0.mp3');
    await expect(
      emu.client().uploadFile({
        cloudPath: 'recordings/s4/rec-rules-0000004/0.mp3',
        data: Buffer.from('x'),
        openid: 's4',
      }),
    ).rejects.toMatchObject({ errCode: -503002 });
    const res = await emu.client().deleteFile({ fileList: [fileID], openid: 's4' });
    expect(res.fileList[0]).toMatchObject({ status: -503002 });
    const kept = await emu.nodeApp().downloadFile({ fileID });
    expect(kept.fileContent?.toString()).toBe('ID3 server mp3');
  });

  it('lets the server SDK sign any file: rules apply to clients only', async () => {
    const fileID = await serverWritten('recordings/s5/rec-rules-0000005/full.mp3');
    const { fileList } = await emu.nodeApp().getTempFileURL({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ code: 'SUCCESS' });
  });
});

describe('the storage rule language', () => {
  const ctx = (auth: string, creator: string | null, path = 'recordings/x/r/0.wav') => ({
    auth: { openid: auth },
    resource: { openid: creator, path },
  });

  it('reads the owner-only expression and the constants', () => {
    const owner = compileRule('resource.openid == auth.openid');
    expect([owner(ctx('a', 'a')), owner(ctx('a', 'b')), owner(ctx('a', null))]).toEqual([true, false, false]);
    expect(compileRule(true)(ctx('a', null))).toBe(true);
    expect(
      compileRule("auth.openid != null && (resource.openid == auth.openid || auth.openid == 'admin')")(
        ctx('admin', 'b'),
      ),
    ).toBe(true);
  });

  it("reads resource.path: the repo's rule allows a path only under the caller's own folder", () => {
    const repoRule = compileRules(
      (JSON.parse(readFileSync(REPO_DATABASE_CONFIG, 'utf8')) as { storage: { rules: object } }).storage
        .rules,
    );
    const a = 'recordings/stu-a/rec-1/1.wav';
    expect(repoRule.write(ctx('stu-a', 'stu-a', a))).toBe(true);
    expect(repoRule.write(ctx('stu-b', 'stu-b', a))).toBe(false);
    // A look-alike folder (`stu-ab` starts with `stu-a`) is not the caller's.
    expect(repoRule.write(ctx('stu-a', 'stu-a', 'recordings/stu-ab/rec-1/1.wav'))).toBe(false);
    expect(repoRule.write(ctx('stu-a', 'stu-a', 'avatars/stu-a.png'))).toBe(false);
    expect(repoRule.read(ctx('stu-a', null, 'recordings/stu-a/rec-1/full.mp3'))).toBe(false);
  });

  it('joins strings with + and answers startsWith; either on a non-string allows nothing', () => {
    const own = compileRule("resource.path.startsWith('recordings/' + auth.openid + '/')");
    expect(own(ctx('a', 'a', 'recordings/a/1.wav'))).toBe(true);
    expect(own(ctx('a', 'a', 'recordings/b/1.wav'))).toBe(false);
    expect(compileRule("resource.openid + '/' == null")(ctx('a', null))).toBe(true);
    expect(compileRule('resource.path.startsWith(resource.openid)')(ctx('a', null))).toBe(false);
  });

  it('refuses a rule it cannot read instead of allowing', () => {
    expect(() => compileRule('doc._openid == auth.openid')).toThrow(/unknown name doc\._openid/);
    expect(() => compileRule('auth.openid ==')).toThrow(/unexpected end/);
    expect(() => compileRule("resource.path.endsWith('.wav')")).toThrow(
      /unknown name resource\.path\.endsWith/,
    );
    expect(() => compileRule('resource.path.startsWith')).toThrow(/must be called/);
    expect(() => compileRule('toString == toString')).toThrow(/unknown name toString/);
    expect(() => compileRule("resource.path.constructor('x') == 'x'")).toThrow(/unknown name/);
    expect(() => compileRule('/^recordings/.test(resource.path) == true')).toThrow(/cannot read/);
  });

  it('refuses to start with a database config whose storage rule it cannot read', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rules-'));
    const databaseConfig = path.join(dir, 'collections.json');
    await writeFile(
      databaseConfig,
      JSON.stringify({ collections: {}, storage: { rules: { read: 'auth.uid', write: false } } }),
    );
    try {
      await expect(startTestEmulator({ dataDir: dir, databaseConfig })).rejects.toThrow(
        /unknown name auth\.uid/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
