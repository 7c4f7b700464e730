/** Cuts the recorder's byte stream into onFrameRecorded frames of exactly `frameBytes`. */
export class FrameChunker {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly frameBytes: number) {}

  get enabled(): boolean {
    return this.frameBytes > 0;
  }

  /** Adds bytes and returns every complete frame. */
  push(bytes: Buffer): Buffer[] {
    if (!this.enabled) return [];
    this.pending = Buffer.concat([this.pending, bytes]);
    const frames: Buffer[] = [];
    while (this.pending.length >= this.frameBytes) {
      frames.push(this.pending.subarray(0, this.frameBytes));
      this.pending = this.pending.subarray(this.frameBytes);
    }
    return frames;
  }

  /** Whatever is left (possibly empty). */
  drain(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }
}
