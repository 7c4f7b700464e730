/**
 * Every browser recording the server is holding, by recordingId. A recording whose page went away is
 * finished automatically after the resume window, so nothing is left half-written and unrecorded; one
 * left by a previous run (killed server) is picked up the same way at start.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserRecordingKind } from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { RecordingMeta } from './recording-meta';
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

  constructor(
    private readonly deps: SessionDeps,
    private readonly limits: RecorderLimits,
  ) {}

  async start(req: StartRequest): Promise<RecordingSession> {
    this.checkQuota(req);
    const claim = { ownerId: req.ownerId, assignmentId: req.assignmentId };
    this.starting.add(claim);
    try {
      const session = await RecordingSession.open(await this.newMeta(req), this.deps);
      this.sessions.set(session.id, session);
      return session;
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
      phase: 'recording',
      createdAt: new Date().toISOString(),
    };
    await this.deps.store.save(meta);
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

  /** The caller's recording, from memory or from disk after a restart; anyone else's is NOT_OWNER. */
  async resume(ownerId: string, recordingId: string): Promise<RecordingSession> {
    const session = await this.lookup(recordingId);
    if (!session) throw new AppError(ErrorCode.NOT_FOUND, `no browser recording ${recordingId}`);
    if (session.meta.ownerId !== ownerId)
      throw new AppError(ErrorCode.NOT_OWNER, 'this recording is not yours');
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

  /** Schedules recordings an earlier run left unfinished; call once at start. */
  async recoverUnfinished(): Promise<number> {
    const metas = await this.deps.store.listUnfinished();
    for (const meta of metas) {
      const session = await this.lookup(meta.recordingId);
      if (session) this.detached(session);
    }
    return metas.length;
  }

  /** Lets go of every file without finishing anything: a restarted server resumes them. */
  async close(): Promise<void> {
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
      this.deps.log(`abandoned recording ${recordingId} could not be finished; trying again later`, err);
      this.detached(session);
    }
  }

  private cancelAbandon(recordingId: string): void {
    clearTimeout(this.abandonTimers.get(recordingId));
    this.abandonTimers.delete(recordingId);
  }

  private async lookup(recordingId: string): Promise<RecordingSession | undefined> {
    const live = this.sessions.get(recordingId);
    if (live) return live;
    // Two reconnects racing after a restart must share one open file, not open it twice.
    let pending = this.opening.get(recordingId);
    if (!pending) {
      pending = this.load(recordingId);
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

  private async load(recordingId: string): Promise<RecordingSession> {
    const meta = await this.deps.store.load(recordingId);
    if (!meta) throw new AppError(ErrorCode.NOT_FOUND, `no browser recording ${recordingId}`);
    const session = await RecordingSession.open(meta, this.deps);
    this.sessions.set(recordingId, session);
    return session;
  }
}
