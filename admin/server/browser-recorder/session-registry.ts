/**
 * Every browser recording this instance holds, by recordingId. A recording whose page went away is
 * finished automatically after the resume window, so nothing is left half-written and unrecorded. The
 * state is in the database, so a page may resume on any instance (which takes the recording over), and
 * a recording whose instance died (no heartbeat for the resume window) is claimed by exactly one other
 * instance's sweep and finished there.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserRecordingKind } from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';
import {
  isDeletedRecording,
  isLostRecording,
  metaOf,
  type RecordingMeta,
  type RecordingStateDoc,
} from './recording-meta';
import { RecordingSession, type SessionDeps } from './recording-session';

export interface RecorderLimits {
  maxDurationMs: number;
  /** The most any one recording may hold on disk, audio and video together. */
  maxBytes: number;
  /** How long a recording waits for its page to reconnect before it is finished as it is. */
  resumeWindowMs: number;
  /** Recordings one identity (teacher or `web_` student) may have open at once. */
  maxOpenPerOwner: number;
  /** Recordings open at once for one assignment (a class recording together). */
  maxOpenPerAssignment: number;
  /** Video bytes allowed per second of the recording's maximum duration. */
  videoBytesPerSecond: number;
}

/** Room for the WebM header and a last cluster beyond the per-second allowance. */
const VIDEO_HEADROOM_BYTES = 1024 * 1024;

export interface StartRequest {
  ownerId: string;
  connectionId: string;
  kind: BrowserRecordingKind;
  sampleRate: number;
  channels: number;
  assignmentId?: string;
  /** A tighter limit from the assignment, when there is one. */
  maxDurationMs?: number;
}

export class SessionRegistry {
  private readonly sessions = new Map<string, RecordingSession>();
  private readonly opening = new Map<string, Promise<RecordingSession>>();
  private readonly abandonTimers = new Map<string, NodeJS.Timeout>();
  /** Starts between their quota check and joining `sessions`, so concurrent starts count too. */
  private readonly starting = new Set<Pick<StartRequest, 'ownerId' | 'assignmentId'>>();
  private housekeeping: NodeJS.Timeout[] = [];
  /** Heartbeats and sweeps under way, so close() waits for them instead of cutting them off. */
  private readonly chores = new Set<Promise<unknown>>();

  constructor(
    private readonly deps: SessionDeps,
    private readonly limits: RecorderLimits,
  ) {}

  async start(req: StartRequest): Promise<RecordingSession> {
    this.checkQuota(req);
    const claim = { ownerId: req.ownerId, assignmentId: req.assignmentId };
    this.starting.add(claim);
    try {
      return this.hold(await RecordingSession.open(await this.newMeta(req), this.deps));
    } finally {
      this.starting.delete(claim);
    }
  }

  /** Byte limits follow the recording's maximum duration (the assignment's, when it has one). */
  private async newMeta(req: StartRequest): Promise<RecordingMeta> {
    const maxDurationMs = Math.min(req.maxDurationMs ?? Infinity, this.limits.maxDurationMs);
    const maxAudioBytes = Math.floor((maxDurationMs / 1000) * req.sampleRate) * 2 * req.channels;
    const maxVideoBytes =
      req.kind === 'video'
        ? Math.ceil((maxDurationMs / 1000) * this.limits.videoBytesPerSecond) + VIDEO_HEADROOM_BYTES
        : 0;
    const meta: RecordingMeta = {
      recordingId: `br_${randomBytes(16).toString('base64url')}`,
      ownerId: req.ownerId,
      kind: req.kind,
      ...(req.assignmentId ? { assignmentId: req.assignmentId } : {}),
      sampleRate: req.sampleRate,
      channels: req.channels,
      fileBase: `${req.connectionId}-${Date.now()}`,
      maxAudioBytes,
      maxBytes: Math.min(this.limits.maxBytes, maxAudioBytes + maxVideoBytes),
      segments: [],
      videoParts: [],
      phase: 'recording',
      createdAt: new Date().toISOString(),
    };
    await this.deps.store.create(meta);
    return meta;
  }

  /** RATE_LIMITED when the caller, or the assignment, already has as many open recordings as allowed. */
  private checkQuota(req: StartRequest): void {
    const open = [
      ...[...this.sessions.values()].filter((s) => s.meta.phase !== 'finished').map((s) => s.meta),
      ...this.starting,
    ];
    if (open.filter((m) => m.ownerId === req.ownerId).length >= this.limits.maxOpenPerOwner) {
      const max = this.limits.maxOpenPerOwner;
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        `at most ${max} recordings open at once: finish one first`,
        true,
      );
    }
    const forAssignment = req.assignmentId ? open.filter((m) => m.assignmentId === req.assignmentId) : [];
    if (forAssignment.length >= this.limits.maxOpenPerAssignment) {
      throw new AppError(
        ErrorCode.RATE_LIMITED,
        'too many recordings open for this assignment; try again shortly',
        true,
      );
    }
  }

  /**
   * The caller's recording, from memory or from the database (after a restart, or when it was on another
   * instance, which this one takes it over from); anyone else's is NOT_OWNER.
   */
  async resume(ownerId: string, recordingId: string): Promise<RecordingSession> {
    await this.forgetIfMoved(recordingId);
    const session = await this.lookup(recordingId, ownerId);
    if (!session) throw new AppError(ErrorCode.NOT_FOUND, `no browser recording ${recordingId}`);
    assertOwner(session.meta, ownerId);
    this.cancelAbandon(recordingId);
    return session;
  }

  /** The page went away: finish the recording unless it comes back within the resume window. */
  detached(session: RecordingSession): void {
    if (session.attached || session.meta.phase === 'finished') return;
    this.cancelAbandon(session.id);
    const timer = setTimeout(() => void this.finishAbandoned(session.id), this.limits.resumeWindowMs);
    timer.unref();
    this.abandonTimers.set(session.id, timer);
  }

  /**
   * Starts the heartbeat (so other instances know this one still holds its recordings) and the sweep
   * that finishes recordings left by instances that died; the first sweep runs now.
   */
  async startHousekeeping(): Promise<void> {
    const window = this.limits.resumeWindowMs;
    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      const timer = setInterval(() => {
        const chore = task().catch((err: unknown) => this.deps.log(`${what} failed`, err));
        this.chores.add(chore);
        void chore.finally(() => this.chores.delete(chore));
      }, ms);
      timer.unref();
      this.housekeeping.push(timer);
    };
    every(Math.max(50, Math.floor(window / 3)), () => this.deps.store.heartbeat(), 'recorder heartbeat');
    every(Math.max(100, Math.floor(window / 2)), () => this.sweep(), 'recorder sweep');
    await this.sweep();
  }

  /** Claims and finishes recordings whose holder has been silent for the resume window. */
  async sweep(): Promise<number> {
    const stale = await this.deps.store.listStale(this.limits.resumeWindowMs);
    let claimed = 0;
    for (const doc of stale) {
      if (this.sessions.has(doc._id) || !(await this.deps.store.claimStale(doc))) continue;
      claimed += 1;
      const session = this.hold(await RecordingSession.open(metaOf(doc), this.deps));
      void this.finishAbandoned(session.id);
    }
    return claimed;
  }

  /** Lets go of every file without finishing anything: a restarted server resumes them. */
  async close(): Promise<void> {
    for (const timer of this.housekeeping) clearInterval(timer);
    this.housekeeping = [];
    await Promise.all(this.chores);
    for (const timer of this.abandonTimers.values()) clearTimeout(timer);
    this.abandonTimers.clear();
    await Promise.all([...this.sessions.values()].map((session) => session.release()));
    this.sessions.clear();
  }

  private async finishAbandoned(recordingId: string): Promise<void> {
    this.abandonTimers.delete(recordingId);
    const session = this.sessions.get(recordingId);
    if (!session || session.attached) return;
    try {
      await session.stop();
    } catch (err) {
      if (isLostRecording(err) || isDeletedRecording(err)) return;
      this.deps.log(`abandoned recording ${recordingId} could not be finished; trying again later`, err);
      this.detached(session);
    }
  }

  private hold(session: RecordingSession): RecordingSession {
    session.onLost = (lost) => void this.forget(lost);
    this.sessions.set(session.id, session);
    return session;
  }

  /** Another instance holds it now: drop it from memory, finishing nothing. */
  private async forget(session: RecordingSession): Promise<void> {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    this.cancelAbandon(session.id);
    await session.release();
  }

  /** A page coming back here after it was resumed elsewhere must get the state the database has now. */
  private async forgetIfMoved(recordingId: string): Promise<void> {
    const live = this.sessions.get(recordingId);
    if (!live) return;
    const doc = await this.deps.store.load(recordingId);
    if (doc && doc.holder !== this.deps.store.instanceId && doc.phase !== 'finished') await this.forget(live);
  }

  private cancelAbandon(recordingId: string): void {
    clearTimeout(this.abandonTimers.get(recordingId));
    this.abandonTimers.delete(recordingId);
  }

  private async lookup(recordingId: string, ownerId: string): Promise<RecordingSession | undefined> {
    const live = this.sessions.get(recordingId);
    if (live) return live;
    // Two reconnects racing after a restart must share one open file, not open it twice.
    let pending = this.opening.get(recordingId);
    if (!pending) {
      pending = this.load(recordingId, ownerId);
      this.opening.set(recordingId, pending);
    }
    try {
      return await pending;
    } catch (err) {
      if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND) return undefined;
      throw err;
    } finally {
      this.opening.delete(recordingId);
    }
  }

  /** Someone else's recording is refused before this instance takes it over. */
  private async load(recordingId: string, ownerId: string): Promise<RecordingSession> {
    const doc: RecordingStateDoc | undefined = await this.deps.store.load(recordingId);
    if (!doc) throw new AppError(ErrorCode.NOT_FOUND, `no browser recording ${recordingId}`);
    assertOwner(doc, ownerId);
    if (doc.phase !== 'finished') await this.deps.store.takeOver(recordingId);
    return this.hold(await RecordingSession.open(metaOf(doc), this.deps));
  }
}

function assertOwner(meta: Pick<RecordingMeta, 'ownerId'>, ownerId: string): void {
  if (meta.ownerId !== ownerId) throw new AppError(ErrorCode.NOT_OWNER, 'this recording is not yours');
}
