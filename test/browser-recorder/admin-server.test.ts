/**
 * The recorder as shipped: mounted by the real admin server process (buildAdminServer via main.ts), the
 * page from the Vite build, a teacher signed in through the admin login form. The browser recording then
 * shows up in the admin page with source "browser" and plays there like any other.
 */
import { waitUntilPlaying } from '../admin/support/admin-page';
import { PCM_BYTES_PER_SECOND, stopAndWait, waitForAudioBytes } from './support/recorder-page';
import { openAdminRecorder, signInToAdmin, useAdminRecorderSession } from './support/admin-session';

const session = useAdminRecorderSession('ms_li');

test('a teacher records on /record through the admin server and plays it in the admin page as a browser recording', async () => {
  const { fixture, page } = session;
  await signInToAdmin(session);
  await openAdminRecorder(session);
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
