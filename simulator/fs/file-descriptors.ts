import { isArrayBuffer } from './binary';
import { fsFail } from './fs-failures';
import type { VirtualFs } from './virtual-fs';

/** The flags `openSync` documents ('r' by default). */
const FLAGS = new Set(['a', 'ax', 'a+', 'ax+', 'as', 'as+', 'r', 'r+', 'w', 'wx', 'w+', 'wx+']);

interface Open {
  wxPath: string;
  flag: string;
  /** Where a write without `position` goes (writes with one leave it alone, as in Node). */
  cursor: number;
}

export interface WriteOptions {
  fd: string;
  data: unknown;
  /** ArrayBuffer data only: where in it to start, and how many bytes (default: the rest). */
  offset?: number;
  length?: number;
  position?: number;
  encoding?: string;
}

function slice(o: WriteOptions): unknown {
  if (!isArrayBuffer(o.data) || (o.offset === undefined && o.length === undefined)) return o.data;
  const start = o.offset ?? 0;
  return o.data.slice(start, o.length === undefined ? undefined : start + o.length);
}

/**
 * `openSync` / `writeSync` / `closeSync` (base library 2.16.1): string descriptors over the virtual file
 * system. No host file stays open (each write opens and closes it), so a killed app leaks nothing; its
 * descriptors die with its run.
 */
export class FileDescriptors {
  private readonly open = new Map<string, Open>();
  private next = 1;

  constructor(private readonly vfs: VirtualFs) {}

  openFile(wxPath: string, flag = 'r'): string {
    if (!FLAGS.has(flag)) throw fsFail.invalidFlag(flag);
    const exists = this.vfs.exists(wxPath);
    if (flag.includes('x') && exists) throw fsFail.exists(wxPath);
    if (flag.startsWith('r')) {
      if (!exists) throw fsFail.noEntryOpen(wxPath);
      if (flag === 'r') this.vfs.readable(wxPath);
      else this.vfs.writable(wxPath);
    } else if (flag.startsWith('w')) {
      this.vfs.writeFile(wxPath, new ArrayBuffer(0));
    } else if (!exists) {
      this.vfs.writeFile(wxPath, new ArrayBuffer(0));
    } else {
      this.vfs.writable(wxPath);
    }
    const fd = `fd-${this.next++}`;
    this.open.set(fd, { wxPath, flag, cursor: 0 });
    return fd;
  }

  write(o: WriteOptions): { bytesWritten: number } {
    const file = this.open.get(o.fd);
    if (!file) throw fsFail.badDescriptor();
    if (file.flag === 'r') throw fsFail.denied(file.wxPath);
    const append = file.flag.startsWith('a');
    const explicit = typeof o.position === 'number' ? o.position : undefined;
    const at = append ? undefined : (explicit ?? file.cursor);
    const bytesWritten = this.vfs.writeAt(file.wxPath, slice(o), at, o.encoding);
    if (!append && explicit === undefined) file.cursor += bytesWritten;
    return { bytesWritten };
  }

  close(fd: string): void {
    if (!this.open.delete(fd)) throw fsFail.badDescriptor();
  }
}
