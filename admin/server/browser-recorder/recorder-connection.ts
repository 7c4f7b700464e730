/**
 * One WebSocket from a recorder page: says hello with a connection id, then turns the page's messages
 * into calls on its recording session, one at a time and in order. Any bad input gets an error message
 * with a code and closes the socket; the recording itself stays safe (resumable, then finished).
 */
import { randomBytes } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import {
  decodeFrame,
  RECORDER_CLOSE,
  type ClientMessage,
  type RecordingFinished,
  type ServerMessage,
} from '../../../typings/browser-recorder';
import { AppError, ErrorCode, isUnexpected, toErrorBody } from '../../../typings/errors';
import { parseClientMessage } from './client-message';
import { isLostRecording } from './recording-meta';
import type { RecordingSession } from './recording-session';
import type { SessionRegistry } from './session-registry';
import type { RecorderIdentity } from './web-identity';

export interface ConnectionDeps {
  registry: SessionRegistry;
  /** Checks the assignment a recording is for (students must have one) and returns its duration limit. */
  checkAssignment(
    identity: RecorderIdentity,
    assignmentId: string | undefined,
  ): Promise<{ maxDurationMs?: number }>;
  log: (msg: string, err?: unknown) => void;
}

export class RecorderConnection {
  readonly connectionId = randomBytes(12).toString('base64url');
  private session: RecordingSession | undefined;
  private work: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly sink = (msg: ServerMessage) => this.send(msg);

  constructor(
    private readonly ws: WebSocket,
    private readonly identity: RecorderIdentity,
    private readonly deps: ConnectionDeps,
  ) {
    ws.on('message', (data, isBinary) => {
      this.work = this.work.then(() => this.handle(data, isBinary)).catch((err: unknown) => this.fail(err));
    });
    ws.on('close', () => this.release());
    ws.on('error', (err) => deps.log('recorder socket error', err));
    this.send({ type: 'hello', connectionId: this.connectionId });
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    if (!isBinary) return this.dispatch(parseClientMessage(rawToBuffer(data).toString('utf8')));
    if (!this.session)
      throw new AppError(ErrorCode.INVALID_ARGUMENT, 'media frame before "start" or "resume"');
    const frame = decodeFrame(rawToBuffer(data));
    if (typeof frame === 'string') throw new AppError(ErrorCode.INVALID_ARGUMENT, frame);
    await this.session.receiveFrame(frame.header, frame.payload);
  }

  private async dispatch(msg: ClientMessage): Promise<void> {
    if ((msg.type === 'start' || msg.type === 'resume') && this.session) {
      throw new AppError(ErrorCode.CONFLICT, 'this connection already carries a recording');
    }
    if (msg.type === 'start') return this.start(msg);
    if (msg.type === 'resume') return this.resume(msg.recordingId);
    const session = this.requireSession();
    if (msg.type === 'pause') return session.pause(msg.audioOffset);
    return this.finish(session.stop({ audio: msg.audioOffset, video: msg.videoOffset }));
  }

  private async start(msg: Extract<ClientMessage, { type: 'start' }>): Promise<void> {
    const { maxDurationMs } = await this.deps.checkAssignment(this.identity, msg.assignmentId);
    const session = await this.deps.registry.start({
      ownerId: this.identity.ownerId,
      connectionId: this.connectionId,
      kind: msg.kind,
      sampleRate: msg.sampleRate,
      channels: msg.channels,
      ...(msg.assignmentId ? { assignmentId: msg.assignmentId } : {}),
      ...(maxDurationMs ? { maxDurationMs } : {}),
    });
    this.adopt(session);
    const { recordingId, fileBase, maxAudioBytes, maxBytes, sampleRate, channels } = session.meta;
    const maxDuration = Math.floor((maxAudioBytes / (2 * channels * sampleRate)) * 1000);
    this.send({ type: 'started', recordingId, fileName: fileBase, maxDurationMs: maxDuration, maxBytes });
  }

  private async resume(recordingId: string): Promise<void> {
    const session = await this.deps.registry.resume(this.identity.ownerId, recordingId);
    this.adopt(session);
    const sealedSegments = session.storedSegments;
    this.send({ type: 'resumed', recordingId, confirmed: session.confirmed(), sealedSegments });
  }

  private adopt(session: RecordingSession): void {
    this.session = session;
    session.attach(this.sink);
  }

  private async finish(
    done: Promise<RecordingFinished>,
    closeCode: number = RECORDER_CLOSE.done,
  ): Promise<void> {
    const recording = await done;
    this.send({ type: 'finished', recording });
    this.close(closeCode, 'finished');
  }

  private requireSession(): RecordingSession {
    if (this.session) return this.session;
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'send "start" or "resume" first');
  }

  /** Every error ends the connection; the limit error first finishes the recording with what it has. */
  private async fail(err: unknown): Promise<void> {
    if (this.closed) return;
    // The page resumed on another instance meanwhile: this socket just goes (the page reconnects if it is
    // still here), with no error that would make it give up.
    if (isLostRecording(err)) return this.close(RECORDER_CLOSE.moved, 'moved');
    const body = toErrorBody(err, this.connectionId);
    if (isUnexpected(err)) this.deps.log(`recorder connection ${this.connectionId} failed`, err);
    this.send({ type: 'error', code: body.code, message: body.message, fatal: true });
    const tooLarge = body.code === ErrorCode.TOO_LARGE;
    if (tooLarge && this.session) {
      const finished = this.finish(this.session.stop(), RECORDER_CLOSE.tooLarge);
      await finished.catch((e: unknown) => this.deps.log('finishing at the limit failed', e));
    }
    this.close(tooLarge ? RECORDER_CLOSE.tooLarge : RECORDER_CLOSE.badInput, body.code);
  }

  private send(msg: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private close(code: number, reason: string): void {
    if (this.ws.readyState >= this.ws.CLOSING) return this.release();
    this.ws.close(code, reason);
    this.release();
  }

  private release(): void {
    this.closed = true;
    if (!this.session) return;
    this.session.detach(this.sink);
    this.deps.registry.detached(this.session);
  }
}

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
