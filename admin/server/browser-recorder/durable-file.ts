/**
 * An append-only file that is fsync'd on a short timer while data keeps arriving, so a server killed
 * mid-stream loses at most `syncIntervalMs` of it. `confirmed` is the length known to be on disk. Offsets
 * are stream offsets: a file opened with `origin` holds the stream from that byte on (the browser
 * recorder's local cache starts where cloud storage ends).
 */
import { open, type FileHandle } from 'node:fs/promises';

export class DurableFile {
  private written: number;
  private confirmedBytes: number;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    size: number,
    /** The stream offset of the file's first byte. */
    readonly origin: number,
    private readonly syncIntervalMs: number,
    private readonly onConfirmed: (bytes: number) => void,
  ) {
    this.written = origin + size;
    this.confirmedBytes = origin + size;
  }

  /**
   * Opens (creating if needed) for appending; an existing file continues where its durable bytes end.
   * With `origin`, whatever the file held is dropped and it starts afresh at that stream offset.
   */
  static async open(
    path: string,
    opts: {
      syncIntervalMs: number;
      alignBytes?: number;
      origin?: number;
      onConfirmed: (bytes: number) => void;
    },
  ): Promise<DurableFile> {
    const handle = await open(path, 'a+');
    if (opts.origin !== undefined) await handle.truncate(0);
    const { size } = await handle.stat();
    // A crash can leave half a sample at the end; drop it so every offset stays sample-aligned.
    const aligned = size - (size % (opts.alignBytes ?? 1));
    if (aligned !== size) await handle.truncate(aligned);
    return new DurableFile(path, handle, aligned, opts.origin ?? 0, opts.syncIntervalMs, opts.onConfirmed);
  }

  get length(): number {
    return this.written;
  }

  get confirmed(): number {
    return this.confirmedBytes;
  }

  append(bytes: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.written += bytes.byteLength;
    this.enqueue(async () => {
      await this.handle.write(bytes);
    });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.sync().catch(() => undefined);
    }, this.syncIntervalMs);
  }

  /** Waits for every queued write, fsyncs, and reports the new confirmed length. */
  async sync(): Promise<number> {
    const target = this.written;
    this.enqueue(async () => {
      await this.handle.sync();
    });
    await this.queue;
    if (this.failure) throw this.failure;
    if (target > this.confirmedBytes) {
      this.confirmedBytes = target;
      this.onConfirmed(target);
    }
    return this.confirmedBytes;
  }

  /**
   * Syncs and closes; closing again (a retried finish) does nothing. A failed final fsync is thrown after
   * the handle is let go: the data past `confirmed` is not known to be on disk, so the caller must not
   * treat the file as complete.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      await this.sync();
    } finally {
      await this.handle.close();
    }
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((err: unknown) => {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    });
  }
}
