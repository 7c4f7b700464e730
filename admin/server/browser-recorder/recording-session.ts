/**
 * One browser recording on the server: takes frames at the byte offsets the page says they belong at,
 * appends them to a local cache, seals a segment on pause and every `autoSealMs` of audio, puts each
 * sealed segment (and the video so far) into cloud storage, and finishes on stop. "Confirmed" is what
 * storage holds: the page keeps everything above it, so a killed instance costs nothing the page cannot
 * resend, and any instance can carry on from the state in the database (recording-meta.ts).
 */
import { rm } from 'node:fs/promises';
import {
  FrameStream,
  type ConfirmedOffsets,
  type FrameHeader,
  type RecordingFinished,
  type ServerMessage,
} from '../../../typings/browser-recorder';
import type { SegmentCut } from '../../../typings/documents';
import { AppError, ErrorCode } from '../../../typings/errors';
import { assertSampleAligned, keepAvailable, readRange } from './cache-ranges';
import { discardDeleted } from './discard-deleted';
import { DurableFile } from './durable-file';
import { takeCount, type RecordingPublisher } from './publisher';
import {
  isDeletedRecording,
  isLostRecording,
  RecordingDeletedError,
  storedCount,
  storedEnd,
  type RecordingMeta,
  type RecordingMetaStore,
  type SealedSegment,
  type VideoPart,
} from './recording-meta';

export interface SessionDeps {
  store: RecordingMetaStore;
  publisher: RecordingPublisher;
  syncIntervalMs: number;
  /** Audio per automatic cut: the most that is ever only on one instance (and in the page). */
  autoSealMs: number;
  log: (msg: string, err?: unknown) => void;
}

type Sink = (msg: ServerMessage) => void;

/** A storage write that failed is tried again after this long (the page keeps the bytes meanwhile). */
const RETRY_MS = 1000;

export class RecordingSession {
  private sink: Sink | undefined;
  private pumping: Promise<void> = Promise.resolve();
  private saving: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private finishing: Promise<RecordingFinished> | undefined;
  /** Set when another instance took the recording over, or it was deleted: nothing more is written from here. */
  private lost = false;
  /** Removing what this instance stored after the recording was deleted. */
  private discarding: Promise<void> = Promise.resolve();
  /** Set when the recording turned out to be deleted: the page is told at its next message. */
  private deleted = false;
  /** Set once the files are let go (shutdown, or lost): no more storing or retrying from here. */
  private released = false;
  /** Called once when the recording turns out to belong to another instance now. */
  onLost: (session: RecordingSession) => void = () => undefined;

  private constructor(
    readonly meta: RecordingMeta,
    private readonly deps: SessionDeps,
    private readonly audio: DurableFile,
    private readonly video: DurableFile | undefined,
  ) {}

  /** Opens a fresh local cache of each stream, starting where cloud storage ends. */
  static async open(meta: RecordingMeta, deps: SessionDeps): Promise<RecordingSession> {
    const common = { syncIntervalMs: deps.syncIntervalMs, onConfirmed: () => undefined };
    const audio = await DurableFile.open(deps.store.mediaPath(meta, 'pcm'), {
      ...common,
      alignBytes: 2 * meta.channels,
      origin: storedEnd(meta.segments),
    });
    const video =
      meta.kind === 'video'
        ? await DurableFile.open(deps.store.mediaPath(meta, 'webm'), {
            ...common,
            origin: storedEnd(meta.videoParts),
          })
        : undefined;
    const session = new RecordingSession(meta, deps, audio, video);
    session.kick(); // segments sealed by an earlier holder go up as soon as the page resends their bytes
    return session;
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

  /** What cloud storage holds: the page may forget everything below these offsets. */
  confirmed(): ConfirmedOffsets {
    return { audio: storedEnd(this.meta.segments), video: storedEnd(this.meta.videoParts) };
  }

  get storedSegments(): number {
    return storedCount(this.meta.segments);
  }

  /** Appends the part of a frame the server does not have yet; resent bytes below the end are skipped. */
  async receiveFrame(header: FrameHeader, payload: Uint8Array): Promise<void> {
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
    await this.autoSeal();
    this.kick();
  }

  /**
   * Seals the open audio up to `audioOffset` as a segment cut by a pause. A pause at or below the last
   * seal is a resend (or came after a kill, and the seal is already in the state): nothing to do.
   */
  async pause(audioOffset: number): Promise<void> {
    this.assertRecording();
    if (audioOffset > this.audio.length) {
      const have = this.audio.length;
      throw new AppError(
        ErrorCode.INVALID_ARGUMENT,
        `pause at byte ${audioOffset} but ${have} bytes arrived`,
      );
    }
    if (audioOffset > this.sealedEnd()) await this.seal(audioOffset, 'pause');
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
    this.finishing = this.finish().catch(async (err: unknown) => {
      this.finishing = undefined;
      throw await this.explained(err);
    });
    return this.finishing;
  }

  /** Server shutdown or a takeover elsewhere: let go of the files; the recording stays resumable. */
  async release(): Promise<void> {
    const logged = (what: string) => (err: unknown) =>
      this.deps.log(`${what} ${this.id} failed at release`, err);
    if (this.finishing) await this.finishing.catch(logged('finish of'));
    this.released = true;
    clearTimeout(this.retryTimer);
    await this.pumping;
    await this.discarding;
    await this.audio.close().catch(logged('closing the audio cache of'));
    await this.video?.close().catch(logged('closing the video cache of'));
  }

  sendAck(): void {
    this.sink?.({ type: 'ack', confirmed: this.confirmed(), sealedSegments: this.storedSegments });
  }

  private async finish(): Promise<RecordingFinished> {
    if (this.meta.phase === 'finished' && this.meta.result) {
      await this.removeCacheFiles();
      return this.finishedResult();
    }
    // Without its page (abandoned after a takeover) a sealed piece may lack bytes: it ends at what is here.
    this.meta.segments = keepAvailable(this.meta.segments, this.audio.length);
    if (this.video) this.meta.videoParts = keepAvailable(this.meta.videoParts, this.video.length);
    await this.seal(this.audio.length, 'stop');
    this.meta.phase = 'finalizing';
    await this.persist();
    await this.drain();
    await this.audio.close();
    await this.video?.close();
    const result = await this.deps.publisher.finish(this.meta);
    this.meta.phase = 'finished';
    this.meta.result = result;
    await this.persist();
    await this.removeCacheFiles();
    return result;
  }

  /** Once finished the caches hold nothing storage does not; the state stays to answer a resent stop. */
  private async removeCacheFiles(): Promise<void> {
    await rm(this.audio.path, { force: true });
    if (this.video) await rm(this.video.path, { force: true });
  }

  private finishedResult(): RecordingFinished {
    const { segments } = this.meta;
    return {
      recordingId: this.id,
      segmentCount: segments.length,
      takeCount: takeCount(segments),
      ...this.meta.result!,
    };
  }

  private sealedEnd(): number {
    return this.meta.segments.at(-1)?.endOffset ?? 0;
  }

  /** Every `autoSealMs` of audio past the last seal becomes a segment (strictly past: see README). */
  private async autoSeal(): Promise<void> {
    const step = Math.round((this.deps.autoSealMs / 1000) * this.meta.sampleRate) * 2 * this.meta.channels;
    while (this.audio.length > this.sealedEnd() + step) await this.seal(this.sealedEnd() + step, 'auto');
  }

  /** Records the seal (and the video so far as a part) in the database first, then stores it. */
  private async seal(endOffset: number, cut: SegmentCut): Promise<void> {
    const startOffset = this.sealedEnd();
    if (endOffset <= startOffset && !this.videoToSeal()) return;
    if (endOffset > startOffset) {
      const seq = this.meta.segments.length;
      this.meta.segments.push({ seq, startOffset, endOffset, cut, stored: false });
    }
    const video = this.videoToSeal();
    if (video) this.meta.videoParts.push({ part: this.meta.videoParts.length, ...video, stored: false });
    await this.persist();
    this.kick();
  }

  private videoToSeal(): { startOffset: number; endOffset: number } | undefined {
    const startOffset = this.meta.videoParts.at(-1)?.endOffset ?? 0;
    const endOffset = this.video?.length ?? 0;
    return endOffset > startOffset ? { startOffset, endOffset } : undefined;
  }

  /** State writes one after another, each writing the state as it is then. */
  private persist(): Promise<void> {
    const write = this.saving.then(() => this.deps.store.save(this.meta));
    this.saving = write.catch(() => undefined);
    return write.catch((err: unknown) => {
      if (isLostRecording(err)) this.markLost();
      if (isDeletedRecording(err)) this.markDeleted();
      throw err;
    });
  }

  /**
   * What to report for a failure: the recording deleted or taken over meanwhile (which the failure may
   * come from: a finalize that finds no recording) is found out by a state write and told instead.
   */
  private async explained(err: unknown): Promise<unknown> {
    if (this.lost || isLostRecording(err) || isDeletedRecording(err)) return err;
    try {
      await this.persist();
      return err;
    } catch (found) {
      return isLostRecording(found) || isDeletedRecording(found) ? found : err;
    }
  }

  /** Stores whatever sealed piece has its bytes here, in order, without holding up the stream. */
  private kick(): void {
    if (this.released) return;
    this.pumping = this.pumping.then(() => this.pump()).catch((err: unknown) => this.pumpFailed(err));
  }

  /** The same as kick, but the caller waits and sees a failure (finishing needs every piece stored). */
  private async drain(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.pumping;
    const run = this.pump();
    this.pumping = run.catch(() => undefined);
    await run;
    const missing = [...this.meta.segments, ...this.meta.videoParts].some((piece) => !piece.stored);
    if (missing) throw new Error(`recording ${this.id} has pieces not in storage; not finishing it here`);
  }

  private async pumpFailed(err: unknown): Promise<void> {
    if (this.lost || this.released) return;
    await this.explained(err);
    if (this.lost || this.released) return;
    this.deps.log(`storing ${this.id} failed; trying again`, err);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.kick(), RETRY_MS);
    this.retryTimer.unref();
  }

  private async pump(): Promise<void> {
    const going = () => !this.lost && !this.released;
    for (let step = this.nextStep(); step && going(); step = this.nextStep()) await step();
  }

  private nextStep(): (() => Promise<void>) | undefined {
    const segment = this.meta.segments.find((s) => !s.stored);
    if (segment && segment.endOffset <= this.audio.length) return () => this.storeSegment(segment);
    const part = this.meta.videoParts.find((p) => !p.stored);
    if (part && this.video && part.endOffset <= this.video.length) return () => this.storeVideoPart(part);
    return undefined;
  }

  private async storeSegment(segment: SealedSegment): Promise<void> {
    const pcm = await this.readCache(this.audio, segment);
    const done = await this.deps.publisher.publishSegment(this.meta, segment, pcm);
    segment.stored = true;
    await this.persist();
    this.sink?.({
      type: 'segment',
      seq: segment.seq,
      durationMs: done.durationMs,
      mp3FileID: done.mp3FileID,
    });
    this.sendAck();
  }

  private async storeVideoPart(part: VideoPart): Promise<void> {
    const bytes = await this.readCache(this.video!, part);
    part.fileID = await this.deps.publisher.storeVideoPart(this.meta, part, bytes);
    part.stored = true;
    await this.persist();
    this.sendAck();
  }

  private async readCache(file: DurableFile, range: { startOffset: number; endOffset: number }) {
    if (range.startOffset < file.origin)
      throw new Error(`bytes from ${range.startOffset} are not cached here`);
    await file.sync(); // queued appends reach the file before it is read
    return readRange(file.path, range.startOffset - file.origin, range.endOffset - file.origin);
  }

  private markLost(): void {
    if (this.lost) return;
    this.lost = true;
    clearTimeout(this.retryTimer);
    this.onLost(this);
  }

  /** The delete wins: a piece in flight lands first, then it goes with everything else this stream stored. */
  private markDeleted(): void {
    if (this.lost) return;
    this.deleted = true;
    this.markLost();
    this.discarding = this.pumping.then(async () => {
      await discardDeleted(this.deps.publisher, this.meta, this.deps.log);
      await this.removeCacheFiles();
    });
  }

  private assertRecording(): void {
    if (this.deleted) throw new RecordingDeletedError(this.id);
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
