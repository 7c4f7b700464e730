/**
 * The recorder as shipped: mounted by the real admin server process (buildAdminServer via main.ts), the
 * page from the Vite build, a teacher signed in through the admin login form. The browser recording then
 * shows up in the admin page with source "browser" and plays there like any other.
 */
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { createTeacher } from '../../admin/server/teachers';
import { signInThroughForm, waitUntilPlaying } from '../admin/support/admin-page';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from '../admin/support/fixture';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../support/speech';
import { launchBrowser, type TestBrowser } from '../support/chromium';
import { PCM_BYTES_PER_SECOND, stopAndWait, waitForAudioBytes, waitForState } from './support/recorder-page';
import { buildWebApp } from './support/web-build';

let webDir: string;
let fixture: AdminFixture;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  webDir = await buildWebApp();
  fixture = await startAdminFixture({ webDir });
  await createTeacher(fixture.app, { username: 'ms_li', password: TEST_PASSWORD });
  const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 });
  browser = await launchBrowser({ audioWav: wav });
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.close();
  if (webDir) await rm(webDir, { recursive: true, force: true });
});

test('a teacher records on /record through the admin server and plays it in the admin page as a browser recording', async () => {
  await signInThroughForm(page, fixture.url, 'ms_li', TEST_PASSWORD);
  await page.locator('[data-test=new-assignment]').waitFor();
  await page.goto(`${fixture.url}/record?lang=en&debug=1`);
  await waitForState(page, 'ready');
  await page.click('#record');
  await waitForAudioBytes(page, 1.5 * PCM_BYTES_PER_SECOND);
  await page.click('#pause');
  await page.click('#pause');
  await waitForAudioBytes(page, 3 * PCM_BYTES_PER_SECOND);
  const { recording } = await stopAndWait(page);
  expect(recording).toMatchObject({ status: 'ready', segmentCount: 2 });

  const detail = await page.request.get(`${fixture.url}/api/recordings/${recording.recordingId}`);
  const body = (await detail.json()) as { data: { recording: { source: string; status: string } } };
  expect(body.data.recording).toMatchObject({ source: 'browser', status: 'ready' });

  await page.goto(`${fixture.url}/#/recordings/${recording.recordingId}`);
  await page.locator('[data-test=segment-row]').nth(1).waitFor();
  await page.locator('[data-test=play]').click();
  expect(await waitUntilPlaying(page)).toBeGreaterThan(0.2);
}, 240_000);
