/**
 * One browser recording on the server: takes frames at the byte offsets the page says they belong at,
 * appends them durably, seals segments on pause and finishes on stop. It outlives any single socket so a
 * page can reconnect (or the server restart) and continue from the confirmed offsets with no gap and no
 * duplicate.
 */
import { open, rm } from 'node:fs/promises';
import {
  FrameStream,
  type ConfirmedOffsets,
  type FrameHeader,
  type RecordingFinished,
  type ServerMessage,
} from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';
import { DurableFile } from './durable-file';
import type { RecordingPublisher } from './publisher';
import type { RecordingMeta, RecordingMetaStore, SealedSegment } from './recording-meta';

export interface SessionDeps {
  store: RecordingMetaStore;
  publisher: RecordingPublisher;
  syncIntervalMs: number;
  log: (msg: string, err?: unknown) => void;
}

type Sink = (msg: ServerMessage) => void;

export class RecordingSession {
  private sink: Sink | undefined;
  private published = new Set<number>();
  private publishing: Promise<void> = Promise.resolve();
  private finishing: Promise<RecordingFinished> | undefined;

  private constructor(
    readonly meta: RecordingMeta,
    private readonly deps: SessionDeps,
    private readonly audio: DurableFile,
    private readonly video: DurableFile | undefined,
  ) {}

  /** Opens the media files of a new or stored recording; a restored one resumes at its durable length. */
  static async open(meta: RecordingMeta, deps: SessionDeps): Promise<RecordingSession> {
    // The files report confirmations to the session, which exists only once both files are open.
    const ref: { session?: RecordingSession } = {};
    const onConfirmed = () => ref.session?.sendAck();
    const syncIntervalMs = deps.syncIntervalMs;
    const audio = await DurableFile.open(deps.store.mediaPath(meta, 'pcm'), {
      syncIntervalMs,
      alignBytes: 2 * meta.channels,
      onConfirmed,
    });
    const video =
      meta.kind === 'video'
        ? await DurableFile.open(deps.store.mediaPath(meta, 'webm'), { syncIntervalMs, onConfirmed })
        : undefined;
    ref.session = new RecordingSession(meta, deps, audio, video);
    return ref.session;
  }

  get id(): string {
    return this.meta.recordingId;
  }

  get attached(): boolean {
    return this.sink !== undefined;
  }

  attach(sink: Sink): void {
    this.sink = sink;
  }

  detach(sink: Sink): void {
    if (this.sink === sink) this.sink = undefined;
  }

  confirmed(): ConfirmedOffsets {
    return { audio: this.audio.confirmed, video: this.video?.confirmed ?? 0 };
  }

  /** Appends the part of a frame the server does not have yet; resent bytes below the end are skipped. */
  receiveFrame(header: FrameHeader, payload: Uint8Array): void {
    this.assertRecording();
    assertSampleAligned(header, payload, 2 * this.meta.channels);
    const file = this.fileFor(header.stream);
    const expected = file.length;
    if (header.byteOffset > expected) {
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        `frame at byte ${header.byteOffset} leaves a gap after ${expected}`,
      );
    }
    const fresh = payload.subarray(Math.max(0, expected - header.byteOffset));
    if (fresh.byteLength === 0) return;
    const room = this.roomFor(header.stream);
    file.append(fresh.subarray(0, room));
    if (fresh.byteLength > room) {
      throw new AppError(
        ErrorCode.TOO_LARGE,
        'the recording reached its maximum length; what came before is saved',
      );
    }
  }

  /** Seals segment `seq` ending at `audioOffset`; a pause for a segment already sealed is a no-op. */
  async pause(seq: number, audioOffset: number): Promise<void> {
    this.assertRecording();
    const sealed = this.meta.segments.length;
    if (seq < sealed) return this.sendAck();
    if (seq > sealed)
      throw new AppError(ErrorCode.INVALID_ARGUMENT, `pause for segment ${seq}, expected ${sealed}`);
    if (audioOffset !== this.audio.length) {
      const have = this.audio.length;
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        `pause at byte ${audioOffset} but ${have} bytes arrived`,
      );
    }
    await this.sealUpTo(audioOffset);
    this.sendAck();
  }

  /** Finishes once; later calls (a resent stop, a reconnect) get the same result. */
  stop(offsets?: ConfirmedOffsets): Promise<RecordingFinished> {
    if (this.finishing) return this.finishing;
    if (offsets && (offsets.audio !== this.audio.length || offsets.video !== (this.video?.length ?? 0))) {
      const have = `${this.audio.length}/${this.video?.length ?? 0}`;
      const want = `${offsets.audio}/${offsets.video}`;
      return Promise.reject(
        new AppError(ErrorCode.INVALID_ARGUMENT, `stop at ${want} bytes but ${have} arrived`),
      );
    }
    // A failed finish (storage hiccup) may be tried again by a resent stop or the abandon timer.
    this.finishing = this.finish().catch((err: unknown) => {
      this.finishing = undefined;
      throw err;
    });
    return this.finishing;
  }

  /** Server shutdown: make everything durable and let go of the files; the recording stays resumable. */
  async release(): Promise<void> {
    // Shutdown goes on whatever fails here (the stream files are fsync'd per frame, so nothing confirmed is
    // lost), but a failure is logged: it says a finish or a file close went wrong as the server stopped.
    const logged = (what: string) => (err: unknown) =>
      this.deps.log(`${what} ${this.id} failed at release`, err);
    if (this.finishing) await this.finishing.catch(logged('finish of'));
    await this.audio.close().catch(logged('closing the audio stream of'));
    await this.video?.close().catch(logged('closing the video stream of'));
  }

  sendAck(): void {
    this.sink?.({ type: 'ack', confirmed: this.confirmed(), sealedSegments: this.meta.segments.length });
  }

  private async finish(): Promise<RecordingFinished> {
    if (this.meta.phase === 'finished' && this.meta.result) return this.finishedResult();
    await this.sealUpTo(this.audio.length);
    this.meta.phase = 'finalizing';
    await this.deps.store.save(this.meta);
    await this.audio.close();
    await this.video?.close();
    await this.publishing;
    // Segments sealed before a restart (or whose first attempt failed) are published now; ingest is idempotent.
    for (const segment of this.meta.segments)
      if (!this.published.has(segment.seq)) await this.publish(segment);
    const videoPath = this.video ? this.video.path : undefined;
    const result = await this.deps.publisher.finish(this.meta, videoPath);
    this.meta.phase = 'finished';
    this.meta.result = result;
    await this.deps.store.save(this.meta);
    await this.removeStreamFiles();
    return result;
  }

  /**
   * Once finished, the raw stream files have nothing left to give: the audio is in the pipeline and the
   * video was published, or could not be remuxed and is junk. The small meta stays, to answer a resent stop.
   */
  private async removeStreamFiles(): Promise<void> {
    await rm(this.audio.path, { force: true });
    if (this.video) await rm(this.video.path, { force: true });
  }

  private finishedResult(): RecordingFinished {
    return { recordingId: this.id, segmentCount: this.meta.segments.length, ...this.meta.result! };
  }

  private async sealUpTo(endOffset: number): Promise<void> {
    const last = this.meta.segments.at(-1);
    const startOffset = last ? last.endOffset : 0;
    if (endOffset <= startOffset) return;
    await this.audio.sync();
    const segment: SealedSegment = { seq: this.meta.segments.length, startOffset, endOffset };
    this.meta.segments.push(segment);
    await this.deps.store.save(this.meta);
    this.publishing = this.publishing.then(() => this.publish(segment));
  }

  private async publish(segment: SealedSegment): Promise<void> {
    try {
      const pcm = await readRange(this.audio.path, segment.startOffset, segment.endOffset);
      const done = await this.deps.publisher.publishSegment(this.meta, segment, pcm);
      this.published.add(segment.seq);
      this.sink?.({
        type: 'segment',
        seq: segment.seq,
        durationMs: done.durationMs,
        mp3FileID: done.mp3FileID,
      });
    } catch (err) {
      // The bytes stay on disk and in the meta; finish() tries again and finalize reports what is missing.
      this.deps.log(`segment ${this.id}:${segment.seq} not published`, err);
    }
  }

  private assertRecording(): void {
    if (this.finishing || this.meta.phase !== 'recording') {
      throw new AppError(ErrorCode.CONFLICT, 'this recording has already stopped', false);
    }
  }

  private fileFor(stream: number): DurableFile {
    if (stream === FrameStream.audio) return this.audio;
    if (this.video) return this.video;
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'video frame on a connection that announced audio only');
  }

  private roomFor(stream: number): number {
    const total = this.audio.length + (this.video?.length ?? 0);
    const byTotal = Math.max(0, this.meta.maxBytes - total);
    if (stream !== FrameStream.audio) return byTotal;
    const byDuration = Math.max(0, this.meta.maxAudioBytes - this.audio.length);
    const room = Math.min(byTotal, byDuration);
    return room - (room % (2 * this.meta.channels));
  }
}

function assertSampleAligned(header: FrameHeader, payload: Uint8Array, frameBytes: number): void {
  if (header.stream !== FrameStream.audio) return;
  if (payload.byteLength % frameBytes === 0 && header.byteOffset % frameBytes === 0) return;
  throw new AppError(ErrorCode.INVALID_ARGUMENT, `audio frames must be whole ${frameBytes}-byte samples`);
}

async function readRange(path: string, start: number, end: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
