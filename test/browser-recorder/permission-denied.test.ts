/**
 * A browser that refuses the microphone: the page says so clearly, sends nothing, and the server writes
 * no stream file and no recording.
 */
import { readdir } from 'node:fs/promises';
import { COLLECTIONS } from '../../typings/documents';
import { openStores } from '../../pipeline/cloud-handle';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import { startRecorderHarness, type RecorderHarness } from './support/recorder-harness';
import { counters, openRecorder, signInTeacher, waitForState } from './support/recorder-page';

let harness: RecorderHarness;
let browser: TestBrowser;

beforeAll(async () => {
  harness = await startRecorderHarness();
  browser = await launchBrowser({});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

test('denied microphone permission shows the message and creates no file and no recording', async () => {
  await signInTeacher(browser.context, harness);
  const page = await openRecorder(browser.context, harness);
  await waitForState(page, 'ready');
  await page.click('#record');
  await page.waitForFunction(() => document.getElementById('message')!.textContent !== '');

  expect(await page.textContent('#message')).toContain('No permission for the microphone');
  expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
  expect((await counters(page)).audioBytes).toBe(0);
  expect((await readdir(harness.dataDir)).filter((name) => /\.(pcm|webm)$/.test(name))).toEqual([]);
  const { db } = openStores(harness.cloud);
  expect(await db.count(COLLECTIONS.recordings, {})).toBe(0);
}, 240_000);
