/**
 * One append-only file of JSON lines, made durable before anyone hears a write succeeded. Appends that
 * arrive while a flush is running are written and fsync'd together (group commit), in arrival order.
 * A line cut short by `kill -9` mid-append was never acknowledged: loading drops it and truncates it away.
 */
import { existsSync } from 'node:fs';
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fsyncPath, replaceDurably } from '../fsync';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class AppendLog {
  private readonly file: string;
  private handle: FileHandle | undefined;
  private pending: Pending[] = [];
  private flushing = false;

  constructor(file: string) {
    this.file = file;
  }

  /** Every complete line, oldest first; a torn last line is removed from the file. */
  async load(): Promise<string[]> {
    if (!existsSync(this.file)) return [];
    const text = await readFile(this.file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) await truncate(this.file, Buffer.byteLength(text.slice(0, end)));
    return text
      .slice(0, end)
      .split('\n')
      .filter((line) => line !== '');
  }

  /** Resolves once the line is on disk. */
  append(line: string): Promise<void> {
    if (line.includes('\n')) throw new Error('an append-log line cannot contain a newline');
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Replaces the whole file (compaction): a temp file, fsync'd, renamed over, the directory fsync'd. */
  async rewrite(lines: string[]): Promise<void> {
    await this.close();
    await replaceDurably(this.file, `${this.file}.compact`, lines.map((line) => `${line}\n`).join(''));
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        const created = this.handle === undefined && !existsSync(this.file);
        this.handle ??= await open(this.file, 'a');
        await this.handle.write(batch.map((item) => `${item.line}\n`).join(''));
        await this.handle.sync();
        if (created) await fsyncPath(path.dirname(this.file));
        for (const item of batch) item.resolve();
      } catch (err) {
        for (const item of batch) item.reject(err);
      }
    }
    this.flushing = false;
  }
}
