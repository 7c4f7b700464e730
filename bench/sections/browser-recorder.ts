/**
 * Browser recorder: bytes per second the page puts on the socket for audio, and how much audio is only on
 * one server instance (not yet in cloud storage, so still held by the page) when that instance is killed
 * -9 mid-stream. A Node client streams real speech exactly as the page does (16 kHz mono PCM, 100 ms
 * frames, in real time) to a recorder server running in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeFrame, FrameStream } from '../../typings/browser-recorder';
import { startTestEmulator } from '../../harness/emulator';
import { speechOfLength } from '../../simulator/speech';
import { TEACHER_COOKIE } from '../../harness/browser-recorder/recorder-harness';
import { connectRecorder, ticketFor } from '../../harness/browser-recorder/socket-client';
import type { BenchRow, BenchSection } from '../types';

const CHILD = path.join(__dirname, '../../harness/browser-recorder/recorder-server-child.ts');
const FRAME_BYTES = 3200; // 100 ms, as the page's worklet sends
const BYTES_PER_MS = 32;
/** A client WebSocket frame of 3216 bytes carries 8 bytes of framing (2 + 2 extended length + 4 mask). */
const WS_FRAMING = 8;
const KILL_RUNS = 5;
/** The automatic cut for the kill runs: short, so each run spans several cuts. */
const AUTO_SEAL_MS = 2000;

interface ChildServer {
  url: string;
  child: ChildProcess;
}

async function startChild(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /PORT (\d+)/.exec(String(chunk));
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`recorder server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Streams speech in real time for `ms`, then runs `atEnd` (e.g. the kill); returns bytes sent and confirmed. */
async function stream(server: ChildServer, token: string, speech: Uint8Array, ms: number, atEnd: () => void) {
  const client = connectRecorder(server.url, await ticketFor(server.url, `${TEACHER_COOKIE}=${token}`));
  await client.next('hello');
  client.ws.send(JSON.stringify({ type: 'start', kind: 'audio', sampleRate: 16000, channels: 1 }));
  await client.next('started');
  let confirmed = 0;
  client.ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { type: string; confirmed?: { audio: number } };
    if (msg.type === 'ack') confirmed = msg.confirmed!.audio;
  });
  let sent = 0;
  let socketBytes = 0;
  const began = Date.now();
  while (Date.now() - began < ms) {
    const frame = encodeFrame(
      { stream: FrameStream.audio, frameNo: 0, byteOffset: sent },
      speech.subarray(sent, sent + FRAME_BYTES),
    );
    client.ws.send(frame);
    socketBytes += frame.byteLength + WS_FRAMING;
    sent += FRAME_BYTES;
    await sleep(Math.max(0, began + sent / BYTES_PER_MS - Date.now()));
  }
  const confirmedAtEnd = confirmed;
  atEnd();
  return { client, sent, confirmedAtEnd, socketBytes, elapsedMs: Date.now() - began };
}

async function killRun(env: Record<string, string>, token: string, speech: Uint8Array, ms: number) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'dr-bench-rec-'));
  const server = await startChild({ ...env, DATA_DIR: dataDir, AUTO_SEAL_MS: String(AUTO_SEAL_MS) });
  try {
    const exited = new Promise((resolve) => server.child.on('exit', resolve));
    const run = await stream(server, token, speech, ms, () => server.child.kill('SIGKILL'));
    await exited;
    return { unconfirmedMs: (run.sent - run.confirmedAtEnd) / BYTES_PER_MS };
  } finally {
    server.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

const section: BenchSection = {
  name: 'browser-recorder',
  async run(): Promise<BenchRow[]> {
    const emu = await startTestEmulator();
    const token = randomBytes(16).toString('hex');
    const env = { EMULATOR_URL: emu.url, ENV_ID: emu.envId, TEACHER_TOKEN: token };
    const pcm = await speechOfLength(12, 16000, 1);
    const speech = new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
    try {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'dr-bench-rec-'));
      const server = await startChild({ ...env, DATA_DIR: dataDir });
      const rate = await stream(server, token, speech, 5000, () => undefined);
      rate.client.ws.close();
      server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
      const kills = [];
      // Kill at different points of the cut cycle, each after at least two cuts.
      for (let i = 0; i < KILL_RUNS; i++) kills.push(await killRun(env, token, speech, 5000 + i * 430));
      const worstUnconfirmed = Math.max(...kills.map((k) => k.unconfirmedMs));
      const bound = AUTO_SEAL_MS + FRAME_BYTES / BYTES_PER_MS;
      return [
        {
          section: 'browser-recorder',
          metric: 'audio bytes/s on the socket (PCM + frame headers + WS framing)',
          value: Math.round((rate.socketBytes / rate.elapsedMs) * 1000),
          unit: 'B/s',
          note: '16 kHz mono 16-bit = 32000 B/s of PCM',
        },
        {
          section: 'browser-recorder',
          metric: `audio only on the instance killed -9 (not in storage), cut every ${AUTO_SEAL_MS} ms (worst of ${KILL_RUNS})`,
          value: worstUnconfirmed,
          unit: 'ms',
          target: `≤ ${bound} ms (N s plus one frame)`,
          pass: worstUnconfirmed <= bound,
          note: 'sent minus confirmed (= in cloud storage) at the kill; the page keeps this and resends it to any instance',
        },
      ];
    } finally {
      await emu.stop();
    }
  },
};

export default section;
