import type { ErrorBody } from '../../typings/errors';
import type { FinalizeRecordingResponse } from '../../typings/functions';
import { backoffDelay, mayRetryAutomatically, type BackoffPolicy } from './backoff';
import { finalizeRecording, ingestSegment, segmentCloudPath } from './cloud-api';
import { RecorderError, errorBodyOf } from './errors';
import type { RecordingEntry, SegmentEntry } from './journal-types';
import type { JournalPublisher } from './journal-publisher';
import type { NetworkWatch } from './network-watch';
import { Lane, type LaneJob } from './lane';
import type { PlatformPort } from './port';
import { expediteRetries } from './recovery';
import type { SegmentFiles } from './segment-files';
import type { UplinkMeter } from './uplink-meter';
import { finalizeNeedsWork, needsUpload, readyAt, recordingSettled, segmentNeedsWork } from './work-status';

export interface UploadQueueDeps {
  port: PlatformPort;
  log: JournalPublisher;
  files: SegmentFiles;
  network: NetworkWatch;
  /** The caller's openid, for the storage path; the server still checks ownership itself. */
  openid: () => Promise<string>;
  policy: BackoffPolicy;
  /** Learns each finished upload's size and time (the cut policy's throughput). */
  uplink: UplinkMeter;
}

/**
 * Moves sealed segments to the cloud and finalizes stopped recordings, entirely from what the journal
 * says, so the same code resumes a killed app's work on launch. Two lanes: uploads (the segment is safe
 * the moment it lands) and server calls (ingestSegment, finalizeRecording), so a slow conversion never
 * holds back the next upload.
 */
export class UploadQueue {
  private readonly uploads: Lane;
  private readonly server: Lane;
  private readonly waiters: Array<{ recordingId: string; resolve: (entry: RecordingEntry) => void }> = [];

  constructor(private readonly deps: UploadQueueDeps) {
    const lane = (name: string, jobs: () => LaneJob[]) =>
      new Lane({
        name,
        clock: deps.port.clock,
        jobs,
        canRun: () => deps.network.isOnline,
        afterJob: () => this.afterJob(),
        pauseMs: deps.policy.maxMs,
      });
    this.uploads = lane('upload', () => this.uploadJobs());
    this.server = lane('server', () => this.serverJobs());
    deps.network.onOnline(() => {
      expediteRetries(deps.log, deps.port.clock.now());
      this.kick();
    });
  }

  /** Looks for work now (after a seal, a stop, a launch, or the network coming back). */
  kick(): void {
    this.uploads.kick();
    this.server.kick();
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

  /** The student's retry tap on a finalize that gave up: its failure is forgotten and it runs at once. */
  retryFinalize(recordingId: string): void {
    this.deps.log.updateRecording(recordingId, (entry) => {
      if (entry.finalize.result === undefined) entry.finalize = { attempts: entry.finalize.attempts };
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

  private uploadJobs(): LaneJob[] {
    return this.segmentsNeedingWork()
      .filter(({ segment }) => needsUpload(segment))
      .map(({ entry, segment }) => ({
        readyAt: readyAt(segment),
        run: () => this.runStep(entry.recordingId, segment.seq, 'upload', (e, s) => this.upload(e, s)),
      }));
  }

  private serverJobs(): LaneJob[] {
    const ingests = this.segmentsNeedingWork()
      .filter(({ segment }) => !needsUpload(segment))
      .map(({ entry, segment }) => ({
        readyAt: readyAt(segment),
        run: () => this.runStep(entry.recordingId, segment.seq, 'server', (e, s) => this.ingest(e, s)),
      }));
    const finalizes = this.deps.log.journal
      .list()
      .filter(finalizeNeedsWork)
      .map((entry) => ({ readyAt: readyAt(entry.finalize), run: () => this.runFinalize(entry.recordingId) }));
    return [...ingests, ...finalizes];
  }

  private segmentsNeedingWork(): Array<{ entry: RecordingEntry; segment: SegmentEntry }> {
    const work: Array<{ entry: RecordingEntry; segment: SegmentEntry }> = [];
    for (const entry of this.deps.log.journal.list()) {
      for (const segment of entry.segments.filter(segmentNeedsWork)) work.push({ entry, segment });
    }
    return work;
  }

  /** An upload done is server work; any job may settle a waiter. */
  private afterJob(): void {
    this.server.kick();
    for (const waiter of [...this.waiters]) {
      const entry = this.deps.log.journal.get(waiter.recordingId);
      if (entry && !recordingSettled(entry)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      if (entry) waiter.resolve(entry);
    }
  }

  /** Runs one step for a segment (as the journal has it now); a failure is journaled against that step. */
  private async runStep(
    recordingId: string,
    seq: number,
    stage: 'upload' | 'server',
    step: (entry: RecordingEntry, segment: SegmentEntry) => Promise<void>,
  ): Promise<void> {
    try {
      const entry = this.deps.log.journal.get(recordingId) as RecordingEntry;
      await step(entry, entry.segments.find((s) => s.seq === seq) as SegmentEntry);
    } catch (err) {
      this.recordFailure(recordingId, seq, stage, errorBodyOf(err));
    }
  }

  private async upload(entry: RecordingEntry, segment: SegmentEntry): Promise<void> {
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
    const sentAt = port.clock.now();
    const fileID = await port.cloud.uploadFile(cloudPath, localFile);
    this.deps.uplink.record({ bytes: segment.bytes, ms: port.clock.now() - sentAt });
    log.updateSegment(entry.recordingId, segment.seq, (s) => {
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
      ...(segment.cut ? { cut: segment.cut } : {}),
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

  /**
   * The recording is finalized. Finalize converts whatever storage holds, so the server may have joined
   * segments the phone gave up on (their ingest replies never came): its answer is the server's word that
   * every segment it does not name missing is in the full MP3, so those copies go too (journal first).
   */
  private finalized(recordingId: string, result: FinalizeRecordingResponse): void {
    const missing = new Set(result.missingSeqs ?? []);
    const joined = result.status === 'ready' || result.status === 'partial';
    const released: string[] = [];
    this.deps.log.updateRecording(recordingId, (e) => {
      e.phase = 'finalized';
      e.finalize = { attempts: e.finalize.attempts, result };
      for (const s of e.segments) {
        if (!joined || s.server === 'converted' || missing.has(s.seq)) continue;
        s.server = 'converted';
        s.lastError = undefined;
        s.nextAttemptAt = undefined;
        if (s.localFile !== undefined) released.push(s.localFile);
        s.localFile = undefined;
      }
    });
    for (const file of released) this.deps.files.removeIfPresent(file);
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
      this.finalized(recordingId, result);
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
