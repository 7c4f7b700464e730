import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsFail } from './fs-failures';
import type { VirtualFs } from './virtual-fs';

export interface SavedFileInfo {
  filePath: string;
  size: number;
  /** Seconds since the epoch, as the real API reports it. */
  createTime: number;
}

/** saveFile / getSavedFileList / removeSavedFile / getFileInfo over the virtual file system. */
export class SavedFiles {
  constructor(private readonly vfs: VirtualFs) {}

  /** Moves a temp file to saved storage (or to `filePath` under USER_DATA_PATH); the temp path is gone after. */
  save(tempFilePath: string, filePath?: string): string {
    const from = this.vfs.paths.resolve(tempFilePath);
    if (!from || !fs.existsSync(from.real) || fs.statSync(from.real).isDirectory())
      throw fsFail.tempMissing();
    const target = filePath ?? this.vfs.paths.newStorePath(path.extname(tempFilePath).slice(1));
    const to = this.vfs.paths.resolve(target);
    if (!to || (to.area !== 'usr' && to.area !== 'store')) throw fsFail.denied(target);
    if (!fs.existsSync(path.dirname(to.real))) throw fsFail.noEntry(path.posix.dirname(target));
    this.vfs.assertQuota(fs.statSync(from.real).size);
    fs.renameSync(from.real, to.real);
    return target;
  }

  list(): SavedFileInfo[] {
    const dir = this.vfs.paths.dirOf('store');
    return fs.readdirSync(dir).map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return {
        filePath: `wxfile://${name}`,
        size: stat.size,
        createTime: Math.floor(stat.birthtimeMs / 1000),
      };
    });
  }

  remove(filePath: string): void {
    const resolved = this.vfs.paths.resolve(filePath);
    if (!resolved || resolved.area === 'package' || !fs.existsSync(resolved.real)) throw fsFail.fileMissing();
    fs.unlinkSync(resolved.real);
  }

  info(filePath: string, digestAlgorithm: 'md5' | 'sha1' = 'md5'): { size: number; digest: string } {
    const resolved = this.vfs.paths.resolve(filePath);
    if (!resolved || !fs.existsSync(resolved.real) || fs.statSync(resolved.real).isDirectory()) {
      throw fsFail.fileMissing();
    }
    const bytes = fs.readFileSync(resolved.real);
    return { size: bytes.length, digest: createHash(digestAlgorithm).update(bytes).digest('hex') };
  }
}
