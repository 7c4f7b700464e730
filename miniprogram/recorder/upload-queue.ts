import type { ErrorBody } from '../../typings/errors';
import { backoffDelay, mayRetryAutomatically, type BackoffPolicy } from './backoff';
import { finalizeRecording, ingestSegment, segmentCloudPath } from './cloud-api';
import { RecorderError, errorBodyOf, messageOf } from './errors';
import type { RecordingEntry, SegmentEntry } from './journal-types';
import type { JournalPublisher } from './journal-publisher';
import type { NetworkWatch } from './network-watch';
import type { CancelTimer, PlatformPort } from './port';
import { expediteRetries } from './recovery';
import type { SegmentFiles } from './segment-files';
import { finalizeNeedsWork, readyAt, recordingSettled, segmentNeedsWork } from './work-status';

export interface UploadQueueDeps {
  port: PlatformPort;
  log: JournalPublisher;
  files: SegmentFiles;
  network: NetworkWatch;
  /** The caller's openid, for the storage path; the server still checks ownership itself. */
  openid: () => Promise<string>;
  policy: BackoffPolicy;
}

type Job =
  | { kind: 'segment'; entry: RecordingEntry; segment: SegmentEntry }
  | { kind: 'finalize'; entry: RecordingEntry };

/**
 * Moves sealed segments to the cloud (upload, then ingestSegment) and finalizes stopped recordings, one job
 * at a time, entirely from what the journal says: so the same loop resumes a killed app's work on launch.
 */
export class UploadQueue {
  private running = false;
  private again = false;
  private cancelTimer: CancelTimer | undefined;
  private readonly waiters: Array<{ recordingId: string; resolve: (entry: RecordingEntry) => void }> = [];

  constructor(private readonly deps: UploadQueueDeps) {
    deps.network.onOnline(() => {
      expediteRetries(deps.log, deps.port.clock.now());
      this.kick();
    });
  }

  /** Looks for work now (after a seal, a stop, a launch, or the network coming back). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.pump();
  }

  /** The student's retry tap: the failure is forgotten and the job runs at once. */
  retrySegment(recordingId: string, seq: number): void {
    this.deps.log.updateSegment(recordingId, seq, (segment) => {
      if (segment.upload === 'failed') segment.upload = 'pending';
      if (segment.server === 'failed') segment.server = 'pending';
      segment.nextAttemptAt = undefined;
      segment.lastError = undefined;
    });
    this.deps.log.updateRecording(recordingId, (entry) => {
      // A finalized recording missing this segment is finalized again once it lands.
      if (entry.phase === 'finalized') entry.phase = 'finalizing';
      entry.finalize = { attempts: entry.finalize.attempts };
    });
    this.kick();
  }

  /** Resolves when nothing more will happen for the recording without the student. */
  whenSettled(recordingId: string): Promise<RecordingEntry> {
    const entry = this.deps.log.journal.get(recordingId);
    if (!entry)
      return Promise.reject(new RecorderError('NOT_FOUND', `Recording ${recordingId} is not in the journal`));
    if (recordingSettled(entry)) return Promise.resolve(entry);
    return new Promise((resolve) => this.waiters.push({ recordingId, resolve }));
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    } catch (err) {
      // Only a journal write can land here (storage full or gone): nothing was sent that the journal
      // does not describe, so trying again later is safe.
      console.error('[recorder] upload queue paused:', messageOf(err));
      this.cancelTimer = this.deps.port.clock.setTimeout(() => this.kick(), this.deps.policy.maxMs);
    } finally {
      this.running = false;
    }
  }

  private async drain(): Promise<void> {
    for (let job = this.nextReadyJob(); job && this.deps.network.isOnline; job = this.nextReadyJob()) {
      if (job.kind === 'segment') await this.runSegment(job.entry.recordingId, job.segment.seq);
      else await this.runFinalize(job.entry.recordingId);
      this.settleWaiters();
    }
    this.scheduleWake();
  }

  private pendingJobs(): Job[] {
    const jobs: Job[] = [];
    for (const entry of this.deps.log.journal.list()) {
      for (const segment of entry.segments.filter(segmentNeedsWork))
        jobs.push({ kind: 'segment', entry, segment });
      if (finalizeNeedsWork(entry)) jobs.push({ kind: 'finalize', entry });
    }
    return jobs;
  }

  private nextReadyJob(): Job | undefined {
    const now = this.deps.port.clock.now();
    return this.pendingJobs().find(
      (job) => readyAt(job.kind === 'segment' ? job.segment : job.entry.finalize) <= now,
    );
  }

  private scheduleWake(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const times = this.pendingJobs().map((job) =>
      readyAt(job.kind === 'segment' ? job.segment : job.entry.finalize),
    );
    if (times.length === 0) return;
    const delay = Math.max(0, Math.min(...times) - this.deps.port.clock.now());
    this.cancelTimer = this.deps.port.clock.setTimeout(() => this.kick(), delay);
  }

  private settleWaiters(): void {
    for (const waiter of [...this.waiters]) {
      const entry = this.deps.log.journal.get(waiter.recordingId);
      if (entry && !recordingSettled(entry)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      if (entry) waiter.resolve(entry);
    }
  }

  private async runSegment(recordingId: string, seq: number): Promise<void> {
    const { log } = this.deps;
    let stage: 'upload' | 'server' = 'upload';
    try {
      const entry = log.journal.get(recordingId) as RecordingEntry;
      let segment = entry.segments.find((s) => s.seq === seq) as SegmentEntry;
      if (segment.upload !== 'uploaded' || !segment.fileID) segment = await this.upload(entry, segment);
      stage = 'server';
      await this.ingest(entry, segment);
    } catch (err) {
      this.recordFailure(recordingId, seq, stage, errorBodyOf(err));
    }
  }

  private async upload(entry: RecordingEntry, segment: SegmentEntry): Promise<SegmentEntry> {
    const { log, port, files } = this.deps;
    const localFile = segment.localFile;
    if (!localFile || !files.exists(localFile)) {
      throw new RecorderError('NOT_FOUND', `The audio of segment ${segment.seq} is no longer on this phone`);
    }
    const cloudPath = segmentCloudPath(await this.deps.openid(), entry.recordingId, segment.seq);
    log.updateSegment(entry.recordingId, segment.seq, (s) => {
      s.upload = 'uploading';
      s.attempts += 1;
      s.nextAttemptAt = undefined;
    });
    const fileID = await port.cloud.uploadFile(cloudPath, localFile);
    return log.updateSegment(entry.recordingId, segment.seq, (s) => {
      s.upload = 'uploaded';
      s.fileID = fileID;
      s.server = 'converting';
    });
  }

  private async ingest(entry: RecordingEntry, segment: SegmentEntry): Promise<void> {
    const { log, port } = this.deps;
    if (segment.server !== 'converting') {
      // A retry of the server step alone is an attempt of its own; after a fresh upload it is the same one.
      log.updateSegment(entry.recordingId, segment.seq, (s) => {
        s.server = 'converting';
        s.attempts += 1;
        s.nextAttemptAt = undefined;
      });
    }
    const result = await ingestSegment(port.cloud, {
      recordingId: entry.recordingId,
      seq: segment.seq,
      fileID: segment.fileID as string,
      durationMs: segment.durationMs,
      sampleRate: entry.sampleRate,
      channels: entry.channels,
      ...(entry.assignmentId ? { assignmentId: entry.assignmentId } : {}),
    });
    if (result.status === 'converted') this.confirmMp3(entry.recordingId, segment.seq, result.mp3FileID);
    else this.checkLater(entry.recordingId, segment.seq);
  }

  /** The MP3 is safe on the server: only now may the phone's copy go (journal first, then the file). */
  private confirmMp3(recordingId: string, seq: number, mp3FileID: string): void {
    let localFile: string | undefined;
    this.deps.log.updateSegment(recordingId, seq, (s) => {
      localFile = s.localFile;
      s.server = 'converted';
      s.mp3FileID = mp3FileID;
      s.lastError = undefined;
      s.localFile = undefined;
    });
    if (localFile) this.deps.files.removeIfPresent(localFile);
  }

  /** The server accepted the segment but is still converting: ask again later (ingest is idempotent). */
  private checkLater(recordingId: string, seq: number): void {
    this.deps.log.updateSegment(recordingId, seq, (s) => {
      s.nextAttemptAt = this.deps.port.clock.now() + this.deps.policy.baseMs;
    });
  }

  private recordFailure(
    recordingId: string,
    seq: number,
    stage: 'upload' | 'server',
    error: ErrorBody,
  ): void {
    const { policy, port } = this.deps;
    this.deps.log.updateSegment(recordingId, seq, (s) => {
      if (stage === 'upload') s.upload = 'failed';
      else s.server = 'failed';
      s.lastError = error;
      s.nextAttemptAt = mayRetryAutomatically(policy, s.attempts, error.retryable)
        ? port.clock.now() + backoffDelay(policy, s.attempts, port.clock.random())
        : undefined;
    });
  }

  private async runFinalize(recordingId: string): Promise<void> {
    const { log, port, policy } = this.deps;
    const entry = log.updateRecording(recordingId, (e) => {
      e.finalize.attempts += 1;
      e.finalize.nextAttemptAt = undefined;
    });
    try {
      const result = await finalizeRecording(port.cloud, {
        recordingId,
        segmentCount: entry.segments.length,
      });
      log.updateRecording(recordingId, (e) => {
        e.phase = 'finalized';
        e.finalize = { attempts: e.finalize.attempts, result };
      });
      log.journal.compact();
    } catch (err) {
      const error = errorBodyOf(err);
      log.updateRecording(recordingId, (e) => {
        e.finalize.lastError = error;
        e.finalize.nextAttemptAt = mayRetryAutomatically(policy, e.finalize.attempts, error.retryable)
          ? port.clock.now() + backoffDelay(policy, e.finalize.attempts, port.clock.random())
          : undefined;
      });
    }
  }
}
