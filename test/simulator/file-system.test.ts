import * as fs from 'node:fs';
import { USER_DATA_PATH, USER_FILES_QUOTA_BYTES } from '../../simulator/index';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

type Fsm = ReturnType<ReturnType<typeof newSimulator>['wx']['getFileSystemManager']>;

function fsmOf(sim: ReturnType<typeof newSimulator>): Fsm {
  return sim.wx.getFileSystemManager();
}

function failOf(
  fsm: Fsm,
  method: 'writeFile' | 'readFile',
  options: Record<string, unknown>,
): Promise<unknown> {
  return new Promise((resolve, reject) => fsm[method]({ ...options, fail: resolve, success: reject }));
}

describe('FileSystemManager', () => {
  it('writes, appends and reads back text and binary data in USER_DATA_PATH', () => {
    const fsm = fsmOf(newSimulator());
    const file = `${USER_DATA_PATH}/notes.txt`;
    fsm.writeFileSync(file, 'hello ', 'utf8');
    fsm.appendFileSync(file, new Uint8Array([0x77, 0x78]).buffer);
    expect(fsm.readFileSync(file, 'utf8')).toBe('hello wx');
    const bytes = fsm.readFileSync(file) as ArrayBuffer;
    expect(Object.prototype.toString.call(bytes)).toBe('[object ArrayBuffer]');
    expect(Buffer.from(new Uint8Array(bytes)).toString()).toBe('hello wx');
  });

  it('throws the documented errMsg from a sync read of a missing file', () => {
    const fsm = fsmOf(newSimulator());
    expect(() => fsm.readFileSync(`${USER_DATA_PATH}/nope.bin`)).toThrow(
      `readFileSync:fail no such file or directory, open ${USER_DATA_PATH}/nope.bin`,
    );
  });

  it('fails an async write outside USER_DATA_PATH with permission denied', async () => {
    const fsm = fsmOf(newSimulator());
    await expect(
      failOf(fsm, 'writeFile', { filePath: 'wxfile://elsewhere/a.txt', data: 'x' }),
    ).resolves.toMatchObject({
      errMsg: 'writeFile:fail permission denied, open wxfile://elsewhere/a.txt',
    });
  });

  it('refuses a typed array where the API takes an ArrayBuffer', () => {
    const fsm = fsmOf(newSimulator());
    // Deliberately the wrong type, as a careless caller might pass it.
    const typedArray = new Uint8Array(4) as unknown as ArrayBuffer;
    expect(() => fsm.writeFileSync(`${USER_DATA_PATH}/a.bin`, typedArray)).toThrow(
      'writeFileSync:fail parameter error: parameter.data should be String/ArrayBuffer',
    );
  });

  it('creates directories, lists them and refuses to remove a non-empty one', () => {
    const fsm = fsmOf(newSimulator());
    fsm.mkdirSync(`${USER_DATA_PATH}/a/b`, true);
    fsm.writeFileSync(`${USER_DATA_PATH}/a/b/c.txt`, 'c');
    expect(fsm.readdirSync(`${USER_DATA_PATH}/a/b`)).toEqual(['c.txt']);
    expect(() => fsm.rmdirSync(`${USER_DATA_PATH}/a`)).toThrow('rmdirSync:fail directory not empty');
    expect(() => fsm.mkdirSync(`${USER_DATA_PATH}/a`)).toThrow(
      `mkdirSync:fail file already exists ${USER_DATA_PATH}/a`,
    );
  });

  it('stats a file with size and isFile()', () => {
    const fsm = fsmOf(newSimulator());
    fsm.writeFileSync(`${USER_DATA_PATH}/s.txt`, '12345');
    const stats = fsm.statSync(`${USER_DATA_PATH}/s.txt`) as { size: number; isFile(): boolean };
    expect(stats.size).toBe(5);
    expect(stats.isFile()).toBe(true);
  });

  it('refuses a write that would take user files past the 200 MB quota', () => {
    const sim = newSimulator();
    const fsm = fsmOf(sim);
    // A sparse file takes no disk space but counts at its full size, as on the phone.
    fsm.writeFileSync(`${USER_DATA_PATH}/filler.bin`, '');
    fs.truncateSync(sim.realPath(`${USER_DATA_PATH}/filler.bin`), USER_FILES_QUOTA_BYTES - 10);
    expect(() => fsm.writeFileSync(`${USER_DATA_PATH}/more.bin`, 'x'.repeat(11))).toThrow(
      'writeFileSync:fail the maximum size of the file storage limit is exceeded',
    );
    expect(fs.existsSync(sim.realPath(`${USER_DATA_PATH}/more.bin`))).toBe(false);
  });

  it('has no Promise style: async methods without callbacks return undefined but still run', async () => {
    const sim = newSimulator();
    const fsm = fsmOf(sim);
    expect(fsm.writeFile({ filePath: `${USER_DATA_PATH}/p.txt`, data: 'p' })).toBeUndefined();
    await sim.waitFor(() => fs.existsSync(sim.realPath(`${USER_DATA_PATH}/p.txt`)), 'the write');
    expect(fs.readFileSync(sim.realPath(`${USER_DATA_PATH}/p.txt`), 'utf8')).toBe('p');
  });

  it('saveFile moves a file into saved files (the source is gone) and lists it', async () => {
    const sim = newSimulator();
    const fsm = fsmOf(sim);
    fsm.writeFileSync(`${USER_DATA_PATH}/src.txt`, 'saved bytes');
    fsm.copyFileSync(`${USER_DATA_PATH}/src.txt`, `${USER_DATA_PATH}/copy.txt`);
    const { savedFilePath } = (await sim.wx.saveFile({ tempFilePath: `${USER_DATA_PATH}/copy.txt` })) as {
      savedFilePath: string;
    };
    expect(savedFilePath).toMatch(/^wxfile:\/\/store_[0-9a-f]+\.txt$/);
    expect(fs.existsSync(sim.realPath(`${USER_DATA_PATH}/copy.txt`))).toBe(false);
    const list = (await sim.wx.getSavedFileList()) as { fileList: Array<{ filePath: string; size: number }> };
    expect(list.fileList).toEqual([expect.objectContaining({ filePath: savedFilePath, size: 11 })]);
  });

  it('getFileInfo gives the size and md5 digest, and fails with "file not exist" for a missing file', async () => {
    const sim = newSimulator();
    const fsm = fsmOf(sim);
    fsm.writeFileSync(`${USER_DATA_PATH}/d.txt`, 'abc');
    await expect(sim.wx.getFileInfo({ filePath: `${USER_DATA_PATH}/d.txt` })).resolves.toEqual({
      size: 3,
      digest: '900150983cd24fb0d6963f7d28e17f72',
      errMsg: 'getFileInfo:ok',
    });
    await expect(sim.wx.getFileInfo({ filePath: `${USER_DATA_PATH}/none` })).rejects.toMatchObject({
      errMsg: 'getFileInfo:fail file not exist',
    });
  });
});
