import type { FilesPort } from '../../../miniprogram/recorder/port';

/** USER_DATA_PATH in memory, with an optional quota so tests can fill the disk. */
export class MemoryFiles implements FilesPort {
  readonly rootDir = 'wxfile://usr';
  readonly files = new Map<string, Uint8Array>();
  quotaBytes = Number.POSITIVE_INFINITY;

  ensureDir(): void {}

  append(filePath: string, data: ArrayBuffer): void {
    const before = this.files.get(filePath) ?? new Uint8Array(0);
    this.checkQuota(data.byteLength);
    const next = new Uint8Array(before.length + data.byteLength);
    next.set(before, 0);
    next.set(new Uint8Array(data), before.length);
    this.files.set(filePath, next);
  }

  write(filePath: string, data: ArrayBuffer): void {
    this.checkQuota(data.byteLength - (this.files.get(filePath)?.length ?? 0));
    this.files.set(filePath, new Uint8Array(data.slice(0)));
  }

  writeAt(filePath: string, position: number, data: ArrayBuffer): void {
    const before = this.existing(filePath);
    const end = Math.max(before.length, position + data.byteLength);
    this.checkQuota(end - before.length);
    const next = new Uint8Array(end);
    next.set(before, 0);
    next.set(new Uint8Array(data), position);
    this.files.set(filePath, next);
  }

  truncate(filePath: string, length: number): void {
    const before = this.existing(filePath);
    this.checkQuota(length - before.length);
    const next = new Uint8Array(length);
    next.set(before.subarray(0, length), 0);
    this.files.set(filePath, next);
  }

  size(filePath: string): number {
    return this.existing(filePath).length;
  }

  read(filePath: string): ArrayBuffer {
    const data = this.files.get(filePath);
    if (!data) throw { errMsg: `readFileSync:fail no such file or directory ${filePath}` };
    return data.slice().buffer;
  }

  exists(filePath: string): boolean {
    return this.files.has(filePath);
  }

  remove(filePath: string): void {
    this.files.delete(filePath);
  }

  list(dirPath: string): string[] {
    const prefix = `${dirPath}/`;
    const names = [...this.files.keys()]
      .filter((key) => key.startsWith(prefix))
      .map((key) => key.slice(prefix.length).split('/')[0] as string);
    return [...new Set(names)];
  }

  usedBytes(): number {
    let total = 0;
    for (const data of this.files.values()) total += data.length;
    return total;
  }

  private existing(filePath: string): Uint8Array {
    const data = this.files.get(filePath);
    if (!data) throw { errMsg: `no such file or directory ${filePath}`, errno: 1300002 };
    return data;
  }

  private checkQuota(growth: number): void {
    if (growth > 0 && this.usedBytes() + growth > this.quotaBytes)
      throw {
        errMsg: 'writeFileSync:fail the maximum size of the file storage limit is exceeded',
        errno: 1300202,
      };
  }
}
