/** A bare WebSocket client speaking the recorder protocol, for tests of what the server accepts. */
import WebSocket from 'ws';
import {
  encodeFrame,
  FrameStream,
  RECORDER_STUDENT_PATH,
  type ServerMessage,
} from '../../typings/browser-recorder';
import { TEACHER_COOKIE, type RecorderHarness } from './recorder-harness';

export interface ProtocolClient {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Resolves with the first message of the type (already received or still to come). */
  next<T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>>;
  closed: Promise<{ code: number }>;
}

export async function ticketFor(serverUrl: string, cookie: string): Promise<string> {
  const response = await fetch(`${serverUrl}/record/api/ticket`, { headers: { cookie } });
  const body = (await response.json()) as { ok: boolean; data: { ticket: string } };
  return body.data.ticket;
}

/** A student's first visit from an assignment link: name and class once; the answer sets their cookie. */
export function registerStudent(
  serverUrl: string,
  student: { name: string; className: string; assignmentId: string },
): Promise<Response> {
  return fetch(`${serverUrl}${RECORDER_STUDENT_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(student),
  });
}

export function connectRecorder(serverUrl: string, ticket: string | undefined): ProtocolClient {
  const url = `${serverUrl.replace(/^http/, 'ws')}/record/ws${ticket ? `?ticket=${ticket}` : ''}`;
  const ws = new WebSocket(url);
  const messages: ServerMessage[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data, isBinary) => {
    if (!isBinary) messages.push(JSON.parse(String(data)) as ServerMessage);
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
  const next = <T extends ServerMessage['type']>(type: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((resolve, reject) => {
      const check = () => {
        const found = messages.find((m) => m.type === type);
        if (found) return resolve(found as Extract<ServerMessage, { type: T }>);
        waiters.push(check);
      };
      void closed.then(() => setTimeout(() => reject(new Error(`socket closed before "${type}"`)), 50));
      check();
    });
  return { ws, messages, next, closed };
}

/** A socket signed in as the harness teacher, past the server's hello. */
export async function teacherSocket(harness: RecorderHarness): Promise<ProtocolClient> {
  const ticket = await ticketFor(harness.serverUrl, `${TEACHER_COOKIE}=${harness.teacher.sessionToken}`);
  const client = connectRecorder(harness.serverUrl, ticket);
  await client.next('hello');
  return client;
}

/** Sends bytes [from, to) of `pcm` as audio frames of 100 ms (16 kHz mono), as the page's worklet does. */
export function sendAudio(client: ProtocolClient, pcm: Uint8Array, from: number, to: number): void {
  for (let offset = from; offset < to; offset += 3200) {
    const bytes = pcm.subarray(offset, Math.min(to, offset + 3200));
    client.ws.send(encodeFrame({ stream: FrameStream.audio, frameNo: 0, byteOffset: offset }, bytes));
  }
}
