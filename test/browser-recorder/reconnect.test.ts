/**
 * The network drops mid-recording (every connection through the relay is cut, twice): the page keeps
 * buffering, reconnects, resumes from the offsets the server confirmed, and the file on disk is exactly
 * the PCM the page captured — nothing lost, nothing doubled.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../support/speech';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import { startRecorderHarness, type RecorderHarness } from './support/recorder-harness';
import {
  capturedPcm,
  counters,
  openRecorder,
  PCM_BYTES_PER_SECOND,
  signInTeacher,
  stopAndWait,
  waitForAudioBytes,
  waitForState,
} from './support/recorder-page';

let harness: RecorderHarness;
let browser: TestBrowser;

beforeAll(async () => {
  harness = await startRecorderHarness({ withProxy: true });
  const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 });
  browser = await launchBrowser({ audioWav: wav });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('cutting the socket mid-stream loses and doubles nothing: the file equals the captured PCM', async () => {
  await signInTeacher(browser.context, harness);
  const page = await openRecorder(browser.context, harness);
  await waitForState(page, 'ready');
  await page.click('#record');

  await waitForAudioBytes(page, 1.5 * PCM_BYTES_PER_SECOND);
  expect(harness.proxy!.cutAll()).toBeGreaterThan(0);
  await waitForAudioBytes(page, 3 * PCM_BYTES_PER_SECOND);
  await page.waitForFunction(
    () => document.getElementById('status')!.textContent!.startsWith('Recording'),
    undefined,
    {
      timeout: 60_000,
    },
  );
  await page.click('#pause');
  harness.proxy!.cutAll();
  await page.click('#pause');
  await waitForAudioBytes(page, 4.5 * PCM_BYTES_PER_SECOND);
  const { recording, counters: sentCounters } = await stopAndWait(page);
  const sent = await capturedPcm(page);

  expect(sentCounters.reconnects).toBeGreaterThanOrEqual(2);
  const [file] = (await readdir(harness.dataDir)).filter((name) => name.endsWith('.pcm'));
  const onDisk = await readFile(path.join(harness.dataDir, file));
  expect(onDisk.length).toBe(sent.length);
  expect(onDisk.equals(sent)).toBe(true);
  expect(recording.segmentCount).toBe(2);
  expect((await counters(page)).pending).toBe(0);
}, 240_000);
