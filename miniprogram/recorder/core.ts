import type { FunctionName } from '../../typings/functions';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { RecorderBus } from './bus';
import { callEnvelope } from './cloud-api';
import { DEFAULT_FLOOR_MS, DEFAULT_WIRE_BUDGET_MS, cutIntervalMs, type CutPolicy } from './cut-policy';
import { messageOf } from './errors';
import { StudentIdentity } from './identity';
import { DEFAULT_JOURNAL_LIMITS, Journal, type JournalLimits } from './journal';
import { JournalPublisher } from './journal-publisher';
import { MicAccess } from './mic-access';
import { JOURNAL_VERSION, type RecordingEntry } from './journal-types';
import { NetworkWatch } from './network-watch';
import { PlaybackResolver, Player } from './playback';
import type { PlatformPort, RecorderListeners, RecorderStartOptions } from './port';
import { newRecordingId } from './recording-id';
import { sweepOrphanFiles } from './orphan-sweep';
import { recoverJournal } from './recovery';
import { SegmentFiles } from './segment-files';
import { RecordingSession } from './session';
import { UploadQueue } from './upload-queue';
import { UplinkMeter } from './uplink-meter';

export interface RecorderCoreOptions {
  recorder?: Partial<RecorderStartOptions>;
  backoff?: BackoffPolicy;
  journal?: JournalLimits;
  /**
   * The longest run of continuous audio after which the open segment is sealed and uploaded while
   * recording goes on, and the interval used before any upload was measured; 0 turns automatic cuts off
   * (segments end only at pauses). Default DEFAULT_AUTO_CUT_MS. A slow uplink gets shorter cuts
   * (cut-policy.ts).
   */
  autoCutMs?: number;
  /** The adaptive cut's shortest interval (default DEFAULT_FLOOR_MS; never above autoCutMs). */
  autoCutFloorMs?: number;
  /** Wire time the open segment may need after a pause (default DEFAULT_WIRE_BUDGET_MS). */
  autoCutWireBudgetMs?: number;
}

/** 30 s: a 5-minute take reaches the cloud as ten segments while it is read, not one 9.6 MB file at the end. */
export const DEFAULT_AUTO_CUT_MS = 30_000;

/** 16 kHz mono PCM; 8 KB frames (256 ms) keep the meter lively and a kill's loss well under a second. */
export const DEFAULT_RECORDER_OPTIONS: RecorderStartOptions = {
  sampleRate: 16000,
  numberOfChannels: 1,
  encodeBitRate: 48000,
  frameSizeKB: 8,
  durationMs: 600000,
};

/**
 * Everything pages need, built once per app over one platform port: the bus, the journal, the queue,
 * identity and playback. `launch()` resumes whatever an earlier run left unfinished.
 */
export class RecorderCore {
  readonly bus = new RecorderBus();
  readonly journal: Journal;
  readonly identity: StudentIdentity;
  readonly playback: PlaybackResolver;
  readonly player: Player;
  /** The privacy agreement and microphone permission, passed before every start. */
  readonly mic: MicAccess;
  private readonly log: JournalPublisher;
  private readonly files: SegmentFiles;
  private readonly queue: UploadQueue;
  private readonly recorderOptions: RecorderStartOptions;
  private readonly cutPolicy: CutPolicy;
  private readonly uplink = new UplinkMeter();
  private active: RecordingSession | undefined;

  constructor(
    private readonly port: PlatformPort,
    options: RecorderCoreOptions = {},
  ) {
    this.recorderOptions = { ...DEFAULT_RECORDER_OPTIONS, ...options.recorder };
    this.cutPolicy = {
      maxMs: options.autoCutMs ?? DEFAULT_AUTO_CUT_MS,
      floorMs: options.autoCutFloorMs ?? DEFAULT_FLOOR_MS,
      wireBudgetMs: options.autoCutWireBudgetMs ?? DEFAULT_WIRE_BUDGET_MS,
      audioBytesPerMs: (this.recorderOptions.sampleRate * this.recorderOptions.numberOfChannels * 2) / 1000,
    };
    this.journal = new Journal(
      port.storage,
      () => port.clock.now(),
      options.journal ?? DEFAULT_JOURNAL_LIMITS,
    );
    this.log = new JournalPublisher(this.journal, this.bus);
    this.files = new SegmentFiles(port.files);
    this.identity = new StudentIdentity(port.cloud, port.storage);
    this.playback = new PlaybackResolver(this.files, port.cloud);
    this.player = new Player(port.audio);
    this.mic = new MicAccess(port.access);
    this.queue = new UploadQueue({
      port,
      log: this.log,
      files: this.files,
      network: new NetworkWatch(port.network),
      openid: () => this.identity.openid(),
      policy: options.backoff ?? DEFAULT_BACKOFF,
      uplink: this.uplink,
    });
    port.recorder.listen(this.routeRecorderEvents());
    port.lifecycle.onAppHide(() => this.active?.hide());
  }

  /**
   * Call once when the app launches: seals what a kill left open, removes audio files nothing points at
   * any more, and resumes uploads and finalizing.
   */
  launch(): void {
    recoverJournal(this.log, this.files, this.port.clock.now());
    sweepOrphanFiles(this.journal, this.files);
    this.queue.kick();
    // Learn the openid now, so the first pause uploads at once; if this fails the upload asks again.
    this.identity.openid().then(
      () => undefined,
      (err: unknown) => console.warn('[recorder] openid not known yet:', messageOf(err)),
    );
  }

  get session(): RecordingSession | undefined {
    return this.active;
  }

  /**
   * Starts a new recording, or refuses with CONFLICT while another holds the microphone, or with
   * MicBlockedError when the privacy agreement or the permission says no (nothing held, nothing journaled).
   */
  async startRecording(assignmentId?: string): Promise<RecordingSession> {
    this.bus.assertFree();
    await this.mic.ensure();
    this.bus.assertFree();
    const recordingId = await newRecordingId(this.port.clock);
    this.bus.acquire(recordingId);
    try {
      this.log.create(this.newEntry(recordingId, assignmentId));
      const session = new RecordingSession(recordingId, {
        port: this.port,
        log: this.log,
        files: this.files,
        bus: this.bus,
        recorderOptions: this.recorderOptions,
        cutIntervalMs: () => this.cutIntervalMs(),
        onWork: () => this.queue.kick(),
        onEnded: (ended) => this.release(ended),
      });
      this.active = session;
      session.start();
      return session;
    } catch (err) {
      this.bus.release(recordingId);
      this.active = undefined;
      throw err;
    }
  }

  /** The automatic cut interval now: the configured one until an upload was measured, then adapted. */
  cutIntervalMs(): number {
    return cutIntervalMs(this.uplink.recent, this.cutPolicy);
  }

  retrySegment(recordingId: string, seq: number): void {
    this.queue.retrySegment(recordingId, seq);
  }

  /** The student's retry of a finalize that stopped retrying by itself. */
  retryFinalize(recordingId: string): void {
    this.queue.retryFinalize(recordingId);
  }

  /** Resolves once the recording is finalized, or blocked on a failure only the student can retry. */
  whenSettled(recordingId: string): Promise<RecordingEntry> {
    return this.queue.whenSettled(recordingId);
  }

  recordings(): RecordingEntry[] {
    return this.journal.list();
  }

  /** Any cloud function, envelope unwrapped: data, or a RecorderError with the server's code. */
  call<T>(name: FunctionName, data: object): Promise<T> {
    return callEnvelope<T>(this.port.cloud, name, data);
  }

  private newEntry(recordingId: string, assignmentId: string | undefined): RecordingEntry {
    const now = this.port.clock.now();
    return {
      version: JOURNAL_VERSION,
      recordingId,
      ...(assignmentId ? { assignmentId } : {}),
      sampleRate: this.recorderOptions.sampleRate,
      channels: this.recorderOptions.numberOfChannels,
      phase: 'recording',
      createdAt: now,
      updatedAt: now,
      segments: [],
      finalize: { attempts: 0 },
    };
  }

  private release(session: RecordingSession): void {
    if (this.active === session) this.active = undefined;
    this.bus.release(session.recordingId);
  }

  /** RecorderManager is one per app: its events always belong to the active session. */
  private routeRecorderEvents(): RecorderListeners {
    const forward =
      <K extends keyof RecorderListeners>(name: K) =>
      (...args: Parameters<RecorderListeners[K]>) => {
        const session = this.active;
        if (!session) return;
        (session[name] as (...a: Parameters<RecorderListeners[K]>) => void)(...args);
      };
    return {
      onStart: forward('onStart'),
      onPause: forward('onPause'),
      onResume: forward('onResume'),
      onStop: forward('onStop'),
      onFrame: forward('onFrame'),
      onError: forward('onError'),
      onInterruptionBegin: forward('onInterruptionBegin'),
      onInterruptionEnd: forward('onInterruptionEnd'),
    };
  }
}
