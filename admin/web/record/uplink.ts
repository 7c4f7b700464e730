/**
 * The page's one WebSocket to the recorder server: connects on load (ticket over HTTP first), starts or
 * resumes the recording, sends the outbox in order and reconnects with backoff when the socket drops,
 * resuming from the offsets the server confirmed.
 */
import {
  encodeFrame,
  FrameStream,
  RECORDER_CLOSE,
  RECORDER_SOCKET_PATH,
  type BrowserRecordingKind,
  type ClientMessage,
  type RecordingFinished,
  type ServerMessage,
} from '../../../typings/browser-recorder';
import { DEFAULT_MAX_HELD_BYTES, Outbox, type OutItem } from './outbox';

export interface UplinkEvents {
  connected(connectionId: string): void;
  reconnecting(): void;
  started(info: { recordingId: string; fileName: string; maxDurationMs: number }): void;
  segment(seq: number): void;
  /** Cloud storage holds more of the recording (`counters.confirmedAudio` moved). */
  confirmed(): void;
  finished(recording: RecordingFinished): void;
  /** A refusal from the server (or no way to reach it); the uplink does not retry these. */
  failed(code: string, message: string): void;
}

export interface UplinkCounters {
  audioBytes: number;
  videoBytes: number;
  socketBytes: number;
  reconnects: number;
  /** Every try to reach the server (ticket, then socket), the first one included. */
  connectAttempts: number;
  confirmedAudio: number;
}

const BACKOFF_MS = [200, 500, 1000, 2000, 4000];
const FATAL_CLOSES = new Set<number>([RECORDER_CLOSE.badInput, RECORDER_CLOSE.unauthenticated]);

export class Uplink {
  readonly outbox = new Outbox();
  readonly counters: UplinkCounters = {
    audioBytes: 0,
    videoBytes: 0,
    socketBytes: 0,
    reconnects: 0,
    connectAttempts: 0,
    confirmedAudio: 0,
  };
  private ws: WebSocket | undefined;
  private ready = false;
  private recordingId: string | undefined;
  private startMessage: ClientMessage | undefined;
  private attempts = 0;
  private done = false;
  private frameNo = 0;

  constructor(
    private readonly events: UplinkEvents,
    private readonly fetchTicket: () => Promise<string>,
    /** The outbox's bound (DEFAULT_MAX_HELD_BYTES; tests pass a small one). */
    private readonly maxHeldBytes: number = DEFAULT_MAX_HELD_BYTES,
  ) {}

  /** The outbox holds as much as the page may keep: capturing more must wait until storage has some. */
  get full(): boolean {
    return this.outbox.heldBytes >= this.maxHeldBytes;
  }

  async connect(): Promise<void> {
    this.counters.connectAttempts += 1;
    let ticket: string;
    try {
      ticket = await this.fetchTicket();
    } catch (err) {
      return this.onTicketError(err);
    }
    const url = new URL(RECORDER_SOCKET_PATH, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('ticket', ticket);
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (event) => this.onMessage(JSON.parse(String(event.data)) as ServerMessage);
    ws.onclose = (event) => this.onClose(ws, event.code);
    this.ws = ws;
  }

  start(kind: BrowserRecordingKind, assignmentId: string | undefined): void {
    this.startMessage = {
      type: 'start',
      kind,
      sampleRate: 16000,
      channels: 1,
      ...(assignmentId ? { assignmentId } : {}),
    };
    this.sendJson(this.startMessage);
  }

  addAudio(pcm: Uint8Array): void {
    this.counters.audioBytes += pcm.byteLength;
    this.outbox.addMedia('audio', pcm);
    this.flush();
  }

  addVideo(chunk: Uint8Array): void {
    this.counters.videoBytes += chunk.byteLength;
    this.outbox.addMedia('video', chunk);
    this.flush();
  }

  pause(): void {
    if (this.outbox.addPause()) this.flush();
  }

  stop(): void {
    this.outbox.addStop();
    this.flush();
  }

  private onMessage(msg: ServerMessage): void {
    const handlers: { [K in ServerMessage['type']]: (m: Extract<ServerMessage, { type: K }>) => void } = {
      hello: (m) => this.onHello(m.connectionId),
      started: (m) => {
        this.recordingId = m.recordingId;
        this.becomeReady();
        this.events.started(m);
      },
      resumed: (m) => {
        this.outbox.confirm(m.confirmed);
        this.becomeReady();
      },
      ack: (m) => {
        this.counters.confirmedAudio = m.confirmed.audio;
        this.outbox.confirm(m.confirmed);
        this.events.confirmed();
      },
      segment: (m) => this.events.segment(m.seq),
      finished: (m) => {
        this.done = true;
        this.events.finished(m.recording);
      },
      error: (m) => {
        this.done = true;
        this.events.failed(m.code, m.message);
      },
    };
    (handlers[msg.type] as (m: ServerMessage) => void)(msg);
  }

  private onHello(connectionId: string): void {
    this.attempts = 0;
    this.events.connected(connectionId);
    if (this.recordingId) this.sendJson({ type: 'resume', recordingId: this.recordingId });
    // The socket dropped before "started" came back: nothing was streamed yet, so simply start again.
    else if (this.startMessage) this.sendJson(this.startMessage);
  }

  private becomeReady(): void {
    this.ready = true;
    this.outbox.markAllUnsent();
    this.flush();
  }

  private flush(): void {
    if (!this.ready || this.ws?.readyState !== WebSocket.OPEN) return;
    for (const item of this.outbox.takeUnsent()) this.sendItem(item);
  }

  private sendItem(item: OutItem): void {
    if (item.kind === 'pause')
      return this.sendJson({ type: 'pause', seq: item.seq, audioOffset: item.audioOffset });
    if (item.kind === 'stop') {
      return this.sendJson({ type: 'stop', audioOffset: item.audioOffset, videoOffset: item.videoOffset });
    }
    const stream = item.kind === 'audio' ? FrameStream.audio : FrameStream.video;
    const frame = encodeFrame({ stream, frameNo: this.frameNo++, byteOffset: item.offset }, item.bytes);
    this.counters.socketBytes += frame.byteLength;
    this.ws!.send(frame);
  }

  private sendJson(msg: ClientMessage): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return;
    const text = JSON.stringify(msg);
    this.counters.socketBytes += text.length;
    this.ws.send(text);
  }

  private onClose(ws: WebSocket, code: number): void {
    if (ws !== this.ws) return;
    this.ready = false;
    this.ws = undefined;
    if (this.done || FATAL_CLOSES.has(code)) return;
    this.counters.reconnects += 1;
    this.events.reconnecting();
    const delay = BACKOFF_MS[Math.min(this.attempts++, BACKOFF_MS.length - 1)];
    setTimeout(() => void this.connect(), delay);
  }

  private onTicketError(err: unknown): void {
    const code = (err as { code?: string }).code;
    if (code === 'UNAUTHENTICATED') return this.events.failed(code, (err as Error).message);
    // The server is unreachable (restarting?): keep buffering and try again.
    this.events.reconnecting();
    const delay = BACKOFF_MS[Math.min(this.attempts++, BACKOFF_MS.length - 1)];
    setTimeout(() => void this.connect(), delay);
  }

  /** Closes the socket for good (after finished, or when leaving the page). */
  close(): void {
    this.done = true;
    this.ws?.close(RECORDER_CLOSE.done);
  }
}
