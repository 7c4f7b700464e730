/**
 * The admin process (which hosts the browser recorder) dies with kill -9 in the middle of a stream and is
 * started again on the same port and data: the page reconnects by itself, resumes from what the server
 * confirmed, and the finished recording is exactly what the page captured: the stream file byte for byte,
 * the full MP3 decoded to the same samples (within one MP3 frame at the ends).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createTeacher } from '../../admin/server/teachers';
import { startAdminProcess, type AdminProcess } from '../../harness/admin/admin-process';
import { decodeMp3, alignWindow, monoFloat } from '../../harness/audio-analysis';
import { buildWebApp } from '../../harness/browser-recorder/web-build';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { signInThroughForm } from '../admin/support/admin-page';
import { TEST_PASSWORD } from '../admin/support/fixture';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import {
  capturedPcm,
  counters,
  PCM_BYTES_PER_SECOND,
  stopAndWait,
  waitForAudioBytes,
  waitForState,
} from './support/recorder-page';

let emulator: TestEmulator;
let browser: TestBrowser;
let webDir: string;
let dataDir: string;
let server: AdminProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function findFile(dir: string, ext: string): Promise<string | undefined> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) return path.join(entry.parentPath, entry.name);
  }
  return undefined;
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  webDir = await buildWebApp();
  dataDir = await mkdtemp(path.join(tmpdir(), 'admin-kill-'));
  await createTeacher(emulator.nodeApp(), { username: 'ms_kill', password: TEST_PASSWORD });
  const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 });
  browser = await launchBrowser({ audioWav: wav });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(webDir, { recursive: true, force: true });
});

async function startServer(port: number): Promise<AdminProcess> {
  return startAdminProcess({ emulatorUrl: emulator.url, envId: emulator.envId, webDir, port, dataDir });
}

async function recordAcrossKill(page: Page, port: number): Promise<void> {
  await page.click('#record');
  await waitForAudioBytes(page, 1.5 * PCM_BYTES_PER_SECOND);
  await server!.kill9();
  // The page keeps capturing into its buffer while nobody listens.
  await waitForAudioBytes(page, 2.5 * PCM_BYTES_PER_SECOND);
  server = await startServer(port);
  await page.waitForFunction(
    () => document.getElementById('status')!.textContent!.startsWith('Recording'),
    undefined,
    {
      timeout: 60_000,
    },
  );
  await waitForAudioBytes(page, 4 * PCM_BYTES_PER_SECOND);
}

test('kill -9 of the admin process mid-stream: the page reconnects and the recording is exactly what it captured', async () => {
  const port = await freePort();
  server = await startServer(port);
  const page = await browser.context.newPage();
  await signInThroughForm(page, server.url, 'ms_kill', TEST_PASSWORD);
  await page.locator('[data-test=new-assignment]').waitFor();
  await page.goto(`${server.url}/record?lang=en&debug=1`);
  await waitForState(page, 'ready');

  await recordAcrossKill(page, port);
  const { recording, counters: sentCounters } = await stopAndWait(page);
  const sent = await capturedPcm(page);

  expect(sentCounters.reconnects).toBeGreaterThanOrEqual(1);
  expect((await counters(page)).pending).toBe(0);
  expect(recording.status).toBe('ready');
  // The server deletes its stream file once the recording is finished; the MP3 below is what landed.
  expect(await findFile(dataDir, '.pcm')).toBeUndefined();

  const doc = (
    await emulator.nodeApp().database().collection(COLLECTIONS.recordings).doc(recording.recordingId).get()
  ).data[0] as RecordingDoc;
  const mp3 = (await emulator.nodeApp().downloadFile({ fileID: doc.fullMp3FileID! })).fileContent as Buffer;
  const decoded = await decodeMp3(mp3);
  const captured = new Int16Array(sent.buffer, sent.byteOffset, sent.byteLength / 2);
  expect(Math.abs(decoded.samples.length - captured.length)).toBeLessThanOrEqual(576);
  // The same audio at the same place: the middle of the recording lines up at lag 0.
  const source = monoFloat({ sampleRate: 16000, channels: 1, samples: captured });
  const middle = Math.floor(captured.length / 2);
  const alignment = alignWindow(monoFloat(decoded), source, middle, 8000, 576);
  expect(alignment.correlation).toBeGreaterThan(0.9);
  expect(Math.abs(alignment.lag)).toBeLessThanOrEqual(2);
}, 300_000);
