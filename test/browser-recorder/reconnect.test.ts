/**
 * The network drops mid-recording (every connection through the relay is cut, twice): the page keeps
 * buffering, reconnects, resumes from the offsets the server confirmed, and what lands in storage is exactly
 * the PCM the page captured — nothing lost, nothing doubled.
 */
import { expectRecordingPlays } from './support/published-pcm';
import {
  capturedPcm,
  counters,
  PCM_BYTES_PER_SECOND,
  stopAndWait,
  waitForAudioBytes,
} from './support/recorder-page';
import { startRecordingAsTeacher, useRecorderSession } from './support/recorder-session';

const session = useRecorderSession({ withProxy: true });

test('cutting the socket mid-stream loses and doubles nothing: the file equals the captured PCM', async () => {
  const { harness } = session;
  const page = await startRecordingAsTeacher(session);

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
  await expectRecordingPlays(harness.cloud, recording.recordingId, sent);
  expect(recording.segmentCount).toBe(2);
  expect((await counters(page)).pending).toBe(0);
}, 240_000);
