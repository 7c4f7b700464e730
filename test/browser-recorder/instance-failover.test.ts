/**
 * Two admin instances (real processes, one emulator, each its own data dir) behind a TCP proxy, as
 * behind a load balancer. The page records real speech through the proxy; the instance serving it dies
 * with kill -9 after at least one automatic cut is in cloud storage and with audio not yet sealed in
 * flight; the proxy sends new connections to the other instance; the page reconnects by itself, that
 * instance resumes from what storage and the database hold, and the recording stops normally. Then the
 * recording is ready, with one segment document and one MP3 per seq, and its full MP3 decodes to the PCM
 * the page captured: nothing lost, nothing doubled.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { createTeacher } from '../../admin/server/teachers';
import { startAdminProcess, type AdminProcess } from '../../harness/admin/admin-process';
import { alignWindow, decodeMp3, monoFloat } from '../../harness/audio-analysis';
import { startTcpProxy, type TcpProxy } from '../../harness/browser-recorder/tcp-proxy';
import { buildWebApp } from '../../harness/browser-recorder/web-build';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { openStores } from '../../pipeline/cloud-handle';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import { signInThroughForm } from '../admin/support/admin-page';
import { TEST_PASSWORD } from '../admin/support/fixture';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import {
  capturedPcm,
  counters,
  PCM_BYTES_PER_SECOND,
  stopAndWait,
  waitForConfirmedAudio,
  waitForRecordingAfterReconnect,
  waitForState,
  waitForUnconfirmedAudio,
} from './support/recorder-page';

const AUTO_SEAL_S = 2;
const MP3_FRAME_16K = 576;

let emulator: TestEmulator;
let browser: TestBrowser;
let webDir: string;
let proxy: TcpProxy;
const instances: AdminProcess[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator();
  webDir = await buildWebApp();
  await createTeacher(emulator.nodeApp(), { username: 'ms_failover', password: TEST_PASSWORD });
  // Both instances share the secrets, as every instance behind a balancer must.
  const env = {
    SESSION_SECRET: randomBytes(24).toString('hex'),
    SHARE_SECRET: randomBytes(24).toString('hex'),
    RECORDER_AUTO_SEAL_MS: String(AUTO_SEAL_S * 1000),
  };
  for (let i = 0; i < 2; i++) {
    instances.push(
      await startAdminProcess({ emulatorUrl: emulator.url, envId: emulator.envId, webDir, env }),
    );
  }
  proxy = await startTcpProxy(Number(new URL(instances[0].url).port));
  const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 });
  browser = await launchBrowser({ audioWav: wav });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  for (const instance of instances) await instance.close();
  await emulator?.stop();
  if (webDir) await rm(webDir, { recursive: true, force: true });
});

async function recordAcrossKill(page: Page): Promise<void> {
  const sealBytes = AUTO_SEAL_S * PCM_BYTES_PER_SECOND;
  await page.click('#record');
  // At least one automatic cut is in storage, and audio past it is still only on the serving instance.
  await waitForConfirmedAudio(page, sealBytes);
  await waitForUnconfirmedAudio(page, PCM_BYTES_PER_SECOND);
  const before = await counters(page);
  await instances[0].kill9();
  proxy.retarget(Number(new URL(instances[1].url).port));
  await waitForRecordingAfterReconnect(page);
  // The other instance stores cuts of its own before the stop.
  await waitForConfirmedAudio(page, before.audioBytes + sealBytes);
}

test('kill -9 of the instance serving the page: the other one resumes from storage and the recording is whole', async () => {
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  const page = await browser.context.newPage();
  await signInThroughForm(page, proxyUrl, 'ms_failover', TEST_PASSWORD);
  await page.locator('[data-test=new-assignment]').waitFor();
  await page.goto(`${proxyUrl}/record?lang=en&debug=1`);
  await waitForState(page, 'ready');

  await recordAcrossKill(page);
  const { recording, counters: sent } = await stopAndWait(page);
  const captured = await capturedPcm(page);

  expect(sent.reconnects).toBeGreaterThanOrEqual(1);
  expect((await counters(page)).pending).toBe(0);
  expect(recording.status).toBe('ready');

  const { db, files } = openStores(emulator.nodeApp());
  const segments = await db.find<SegmentDoc>(
    COLLECTIONS.segments,
    { recordingId: recording.recordingId },
    { orderBy: [['seq', 'asc']] },
  );
  const seqs = segments.map((segment) => segment.seq);
  expect(seqs).toEqual([...seqs.keys()]);
  expect(seqs.length).toBe(recording.segmentCount);
  expect(segments.filter((segment) => segment.cut === 'auto').length).toBeGreaterThanOrEqual(2);
  const mp3s = segments.map((segment) => segment.mp3FileID!);
  expect(new Set(mp3s).size).toBe(segments.length);
  expect((await files.tempUrls(mp3s)).every((file) => file.url !== undefined)).toBe(true);
  const totalMs = segments.reduce((sum, segment) => sum + segment.durationMs, 0);
  expect(Math.abs(totalMs - (captured.length / PCM_BYTES_PER_SECOND) * 1000)).toBeLessThanOrEqual(
    segments.length,
  );

  const doc = await db.get<RecordingDoc>(COLLECTIONS.recordings, recording.recordingId);
  const decoded = monoFloat(await decodeMp3(await files.download(doc!.fullMp3FileID!)));
  const samples = new Int16Array(
    captured.buffer.slice(captured.byteOffset, captured.byteOffset + captured.length),
  );
  expect(Math.abs(decoded.length - samples.length)).toBeLessThanOrEqual(MP3_FRAME_16K);
  // The same audio at the same place before, around and after the kill: a lost or doubled stretch would
  // shift everything after it.
  const source = monoFloat({ sampleRate: 16000, channels: 1, samples });
  for (const at of [0.2, 0.5, 0.8]) {
    const alignment = alignWindow(decoded, source, Math.floor(samples.length * at), 8000, MP3_FRAME_16K);
    expect(alignment.correlation).toBeGreaterThan(0.9);
    expect(Math.abs(alignment.lag)).toBeLessThanOrEqual(2);
  }
}, 300_000);
