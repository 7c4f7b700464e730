/**
 * A browser that refuses the microphone: the page says so clearly, sends nothing, and the server writes
 * no stream file and no recording.
 */
import { readdir } from 'node:fs/promises';
import { COLLECTIONS } from '../../typings/documents';
import { openStores } from '../../pipeline/cloud-handle';
import { counters } from './support/recorder-page';
import { startRecordingAsTeacher, useRecorderSession } from './support/recorder-session';

const session = useRecorderSession({ microphone: false });

test('denied microphone permission shows the message and creates no file and no recording', async () => {
  const { harness } = session;
  const page = await startRecordingAsTeacher(session);
  await page.waitForFunction(() => document.getElementById('message')!.textContent !== '');

  expect(await page.textContent('#message')).toContain('No permission for the microphone');
  expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');
  expect((await counters(page)).audioBytes).toBe(0);
  expect((await readdir(harness.dataDir)).filter((name) => /\.(pcm|webm)$/.test(name))).toEqual([]);
  const { db } = openStores(harness.cloud);
  expect(await db.count(COLLECTIONS.recordings, {})).toBe(0);
}, 240_000);
