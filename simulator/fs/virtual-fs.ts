import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromArrayBuffer, isArrayBuffer, toArrayBuffer } from './binary';
import { fsFail } from './fs-failures';
import type { ResolvedPath, VirtualPaths } from './virtual-paths';

/** User files and saved files share the documented 200 MB quota. */
export const USER_FILES_QUOTA_BYTES = 200 * 1024 * 1024;
/** The errno 1300202 row of the docs: "文件大小超出上限（上限100M）". */
export const SINGLE_FILE_LIMIT_BYTES = 100 * 1024 * 1024;

const ENCODINGS = new Set([
  'ascii',
  'base64',
  'binary',
  'hex',
  'ucs2',
  'ucs-2',
  'utf16le',
  'utf-16le',
  'utf-8',
  'utf8',
  'latin1',
]);

export interface WxStats {
  mode: number;
  size: number;
  lastAccessedTime: number;
  lastModifiedTime: number;
  isDirectory(): boolean;
  isFile(): boolean;
}

function nodeEncoding(encoding: string): BufferEncoding {
  if (!ENCODINGS.has(encoding)) throw fsFail.badEncoding(encoding);
  return encoding.replace('-', '') as BufferEncoding;
}

function toBytes(data: unknown, encoding = 'utf8'): Buffer {
  if (typeof data === 'string') return Buffer.from(data, nodeEncoding(encoding));
  if (isArrayBuffer(data)) return fromArrayBuffer(data);
  throw fsFail.badData();
}

function dirSize(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? dirSize(full) : fs.statSync(full).size;
  }
  return total;
}

export function toWxStats(stat: fs.Stats): WxStats {
  return {
    mode: stat.mode,
    size: stat.size,
    lastAccessedTime: Math.floor(stat.atimeMs / 1000),
    lastModifiedTime: Math.floor(stat.mtimeMs / 1000),
    isDirectory: () => stat.isDirectory(),
    isFile: () => stat.isFile(),
  };
}

/** The sandboxed file system behind FileSystemManager: documented errors, area rules and quota. */
export class VirtualFs {
  constructor(readonly paths: VirtualPaths) {
    for (const area of ['usr', 'tmp', 'store'] as const) fs.mkdirSync(paths.dirOf(area), { recursive: true });
  }

  /** Resolves a path the app may read; unknown schemes read as missing files. */
  readable(wxPath: string): ResolvedPath {
    const resolved = this.paths.resolve(wxPath);
    if (!resolved) throw fsFail.noEntryOpen(wxPath);
    return resolved;
  }

  /** Resolves a path the app may write: only under USER_DATA_PATH. */
  writable(wxPath: string): string {
    const resolved = this.paths.resolve(wxPath);
    if (!resolved || resolved.area !== 'usr') throw fsFail.denied(wxPath);
    return resolved.real;
  }

  /** Temp, saved and user files may be deleted or moved; code-package files may not. */
  removable(wxPath: string): string {
    const resolved = this.paths.resolve(wxPath);
    if (!resolved || resolved.area === 'package') throw fsFail.denied(wxPath);
    return resolved.real;
  }

  usedBytes(): number {
    return dirSize(this.paths.dirOf('usr')) + dirSize(this.paths.dirOf('store'));
  }

  assertQuota(extraBytes: number, resultingFileBytes = 0): void {
    if (resultingFileBytes > SINGLE_FILE_LIMIT_BYTES) throw fsFail.quota();
    if (this.usedBytes() + extraBytes > USER_FILES_QUOTA_BYTES) throw fsFail.quota();
  }

  private assertParentDir(real: string, wxPath: string): void {
    if (!fs.existsSync(path.dirname(real))) throw fsFail.noEntryOpen(wxPath);
  }

  private assertNotDirectory(real: string, wxPath: string): void {
    if (fs.existsSync(real) && fs.statSync(real).isDirectory()) throw fsFail.isDirectory(wxPath);
  }

  writeFile(wxPath: string, data: unknown, encoding?: string): void {
    const real = this.writable(wxPath);
    const bytes = toBytes(data, encoding);
    this.assertParentDir(real, wxPath);
    this.assertNotDirectory(real, wxPath);
    const replaced = fs.existsSync(real) ? fs.statSync(real).size : 0;
    this.assertQuota(bytes.length - replaced, bytes.length);
    fs.writeFileSync(real, bytes);
  }

  appendFile(wxPath: string, data: unknown, encoding?: string): void {
    const real = this.writable(wxPath);
    const bytes = toBytes(data, encoding);
    if (!fs.existsSync(real)) throw fsFail.noEntryOpen(wxPath);
    this.assertNotDirectory(real, wxPath);
    this.assertQuota(bytes.length, fs.statSync(real).size + bytes.length);
    fs.appendFileSync(real, bytes);
  }

  /**
   * `writeSync({fd, data, position})` on a file opened for writing: the bytes replace what is there, so
   * only bytes past the end count against the quota. `position` undefined = at the end (append flags).
   * Returns the bytes written.
   */
  writeAt(wxPath: string, data: unknown, position: number | undefined, encoding?: string): number {
    const real = this.writable(wxPath);
    const bytes = toBytes(data, encoding);
    if (!fs.existsSync(real)) throw fsFail.noEntryOpen(wxPath);
    const size = fs.statSync(real).size;
    const at = position ?? size;
    const end = Math.max(size, at + bytes.length);
    this.assertQuota(end - size, end);
    const fd = fs.openSync(real, 'r+');
    try {
      fs.writeSync(fd, bytes, 0, bytes.length, at);
    } finally {
      fs.closeSync(fd);
    }
    return bytes.length;
  }

  /** `truncateSync({filePath, length})`: cut (or zero-extend, which counts against the quota). */
  truncate(wxPath: string, length = 0): void {
    const real = this.writable(wxPath);
    if (!fs.existsSync(real)) throw fsFail.noEntry(wxPath);
    this.assertNotDirectory(real, wxPath);
    const size = fs.statSync(real).size;
    this.assertQuota(Math.max(0, length - size), length);
    fs.truncateSync(real, length);
  }

  readFile(wxPath: string, options: { encoding?: string; position?: number; length?: number } = {}) {
    const { real } = this.readable(wxPath);
    if (!fs.existsSync(real)) throw fsFail.noEntryOpen(wxPath);
    this.assertNotDirectory(real, wxPath);
    const all = fs.readFileSync(real);
    const start = options.position ?? 0;
    const bytes = all.subarray(start, options.length === undefined ? undefined : start + options.length);
    return options.encoding ? bytes.toString(nodeEncoding(options.encoding)) : toArrayBuffer(bytes);
  }

  /** Raw bytes for the simulator's own use (uploads, playback checks). */
  readBytes(wxPath: string): Buffer {
    const { real } = this.readable(wxPath);
    if (!fs.existsSync(real) || fs.statSync(real).isDirectory()) throw fsFail.noEntryOpen(wxPath);
    return fs.readFileSync(real);
  }

  exists(wxPath: string): boolean {
    const resolved = this.paths.resolve(wxPath);
    return Boolean(resolved && fs.existsSync(resolved.real));
  }

  access(wxPath: string): void {
    if (!this.exists(wxPath)) throw fsFail.noEntry(wxPath);
  }

  stat(wxPath: string, recursive = false): WxStats | Array<{ path: string; stats: WxStats }> {
    const resolved = this.paths.resolve(wxPath);
    if (!resolved || !fs.existsSync(resolved.real)) throw fsFail.noEntry(wxPath);
    const stat = fs.statSync(resolved.real);
    if (!recursive || !stat.isDirectory()) return toWxStats(stat);
    return this.statTree(resolved.real, '');
  }

  private statTree(realDir: string, relative: string): Array<{ path: string; stats: WxStats }> {
    const out = [{ path: relative || '/', stats: toWxStats(fs.statSync(realDir)) }];
    for (const entry of fs.readdirSync(realDir, { withFileTypes: true })) {
      const childRel = `${relative}/${entry.name}`;
      const childReal = path.join(realDir, entry.name);
      if (entry.isDirectory()) out.push(...this.statTree(childReal, childRel));
      else out.push({ path: childRel, stats: toWxStats(fs.statSync(childReal)) });
    }
    return out;
  }

  unlink(wxPath: string): void {
    const real = this.removable(wxPath);
    if (!fs.existsSync(real)) throw fsFail.noEntry(wxPath);
    if (fs.statSync(real).isDirectory()) throw fsFail.notPermittedUnlink(wxPath);
    fs.unlinkSync(real);
  }

  mkdir(wxPath: string, recursive = false): void {
    const real = this.writable(wxPath);
    if (fs.existsSync(real)) throw fsFail.exists(wxPath);
    if (!recursive && !fs.existsSync(path.dirname(real))) throw fsFail.noEntry(wxPath);
    fs.mkdirSync(real, { recursive });
  }

  rmdir(wxPath: string, recursive = false): void {
    const real = this.writable(wxPath);
    if (!fs.existsSync(real)) throw fsFail.noEntry(wxPath);
    if (!fs.statSync(real).isDirectory()) throw fsFail.notDirectory(wxPath);
    if (!recursive && fs.readdirSync(real).length > 0) throw fsFail.notEmpty();
    fs.rmSync(real, { recursive: true });
  }

  readdir(wxPath: string): string[] {
    const { real } = this.readable(wxPath);
    if (!fs.existsSync(real)) throw fsFail.noEntry(wxPath);
    if (!fs.statSync(real).isDirectory()) throw fsFail.notDirectory(wxPath);
    return fs.readdirSync(real);
  }

  rename(oldPath: string, newPath: string): void {
    const from = this.paths.resolve(oldPath);
    const to = this.paths.resolve(newPath);
    if (!from || from.area === 'package' || !to || to.area !== 'usr') {
      throw fsFail.deniedPair('rename', oldPath, newPath);
    }
    if (!fs.existsSync(from.real) || !fs.existsSync(path.dirname(to.real))) {
      throw fsFail.noEntryPair('rename', oldPath, newPath);
    }
    // Moving a temp file into user space makes it count against the quota.
    if (from.area === 'tmp') this.assertQuota(fs.statSync(from.real).size);
    fs.renameSync(from.real, to.real);
  }

  copyFile(srcPath: string, destPath: string): void {
    const from = this.paths.resolve(srcPath);
    const to = this.paths.resolve(destPath);
    if (!from || !to || to.area !== 'usr') throw fsFail.deniedPair('copyFile', srcPath, destPath);
    if (!fs.existsSync(from.real) || !fs.existsSync(path.dirname(to.real))) {
      throw fsFail.noEntryPair('copyFile', srcPath, destPath);
    }
    this.assertQuota(fs.statSync(from.real).size);
    fs.copyFileSync(from.real, to.real);
  }

  /** Creates a temp file holding `bytes` (recorder output, downloads). */
  createTempFile(bytes: Uint8Array, ext: string): string {
    const wxPath = this.paths.newTempPath(ext);
    fs.writeFileSync(this.readable(wxPath).real, bytes);
    return wxPath;
  }

  /** Temp files do not outlive the app run. */
  dropTempFiles(): void {
    const dir = this.paths.dirOf('tmp');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
}
