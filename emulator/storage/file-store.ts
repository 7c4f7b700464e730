/**
 * Files on disk under `<dataDir>/files/<cloudPath>`. A write lands in a temp file, is fsync'd, then
 * renamed into place and the directory fsync'd: readers see the old file or the whole new one, and an
 * acknowledged upload survives `kill -9` or a power cut.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat, unlink, readFile, type FileHandle } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CloudCode, CloudError } from '../errors';
import { fsyncPath, writeSynced } from '../fsync';
import { checkCloudPath } from './cloud-path';

export class FileStore {
  private readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'files');
    this.tmp = path.resolve(dataDir, 'tmp');
    mkdirSync(this.root, { recursive: true });
    mkdirSync(this.tmp, { recursive: true });
  }

  /** The absolute path of a cloudPath, never outside the files root whatever the input. */
  resolve(cloudPath: string): string {
    const absolute = path.resolve(this.root, checkCloudPath(cloudPath));
    if (!absolute.startsWith(this.root + path.sep)) {
      throw new CloudError(CloudCode.INVALID_PARAM, 'cloudPath escapes the storage root');
    }
    return absolute;
  }

  async write(cloudPath: string, data: Buffer): Promise<void> {
    const target = this.resolve(cloudPath);
    const staging = path.join(this.tmp, randomUUID());
    try {
      await writeSynced(staging, data);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(staging, target);
      await fsyncPath(path.dirname(target));
    } finally {
      await rm(staging, { force: true });
    }
  }

  async size(cloudPath: string): Promise<number | undefined> {
    try {
      const info = await stat(this.resolve(cloudPath));
      return info.isFile() ? info.size : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * The file opened for reading, with its size taken from the open handle so a concurrent replace cannot
   * mix two versions into one answer; undefined when there is none. The caller closes the handle.
   */
  async openForRead(cloudPath: string): Promise<{ handle: FileHandle; size: number } | undefined> {
    let handle: FileHandle;
    try {
      handle = await open(this.resolve(cloudPath), 'r');
    } catch {
      return undefined;
    }
    const info = await handle.stat();
    if (info.isFile()) return { handle, size: info.size };
    await handle.close();
    return undefined;
  }

  async read(cloudPath: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.resolve(cloudPath));
    } catch {
      return undefined;
    }
  }

  /** True when a file was removed, false when there was none. */
  async remove(cloudPath: string): Promise<boolean> {
    const target = this.resolve(cloudPath);
    try {
      await unlink(target);
    } catch {
      return false;
    }
    await fsyncPath(path.dirname(target));
    return true;
  }
}
