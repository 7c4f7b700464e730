/**
 * A signed-in teacher records speech with one pause in headless Chromium (fake microphone playing an
 * espeak-ng WAV). What lands: the stream file named {connectionId}-{timestamp} holding exactly the PCM the
 * page captured, two segment documents, and a full MP3 as long as what was recorded.
 */
import { expectRecordingPlays } from './support/published-pcm';
import { readdir } from 'node:fs/promises';
import type { RecordingStateDoc } from '../../admin/server/browser-recorder/recording-meta';
import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';
import { openStores } from '../../pipeline/cloud-handle';
import { frameCount } from '../../pipeline/audio/pcm';
import { decodeMp3, rms } from '../../harness/audio-analysis';
import {
  capturedPcm,
  PCM_BYTES_PER_SECOND,
  stopAndWait,
  waitForAudioBytes,
  waitForState,
} from './support/recorder-page';
import { openRecorderAsTeacher, useRecorderSession } from './support/recorder-session';

const session = useRecorderSession();

test('a recording with one pause lands as the captured PCM, two converted segments and a full MP3 of its length', async () => {
  const { harness } = session;
  const page = await openRecorderAsTeacher(session);
  const connectionId = await page.evaluate(
    () => document.getElementById('status')!.textContent!.match(/\(connection (.+)\)/)![1],
  );

  await page.click('#record');
  // The level meter moves with the speech while recording.
  await page.waitForFunction(() => (document.getElementById('level') as HTMLMeterElement).value > 0.05);
  await waitForAudioBytes(page, 2 * PCM_BYTES_PER_SECOND);
  await page.click('#pause');
  await waitForState(page, 'paused');
  await page.click('#pause');
  await waitForAudioBytes(page, 4 * PCM_BYTES_PER_SECOND);
  const { recording, counters } = await stopAndWait(page);
  const sent = await capturedPcm(page);

  // Every byte the page captured landed, once; the stream file (named for the connection) is gone.
  expect(sent.length).toBe(counters.audioBytes);
  await expectRecordingPlays(harness.cloud, recording.recordingId, sent);
  const state = await openStores(harness.cloud).db.get<RecordingStateDoc>(
    ADMIN_COLLECTIONS.browserRecordings,
    recording.recordingId,
  );
  expect(state!.fileBase).toMatch(new RegExp(`^${connectionId}-\\d{13}$`));
  expect(state!.segments.map((s) => s.cut)).toEqual(['pause', 'stop']);
  expect((await readdir(harness.dataDir)).filter((name) => /\.(pcm|webm)$/.test(name))).toEqual([]);

  // The documents: a browser recording owned by the teacher, two converted segments covering the file.
  const { db, files: storage } = openStores(harness.cloud);
  const doc = await db.get<RecordingDoc>(COLLECTIONS.recordings, recording.recordingId);
  expect(doc).toMatchObject({
    _openid: harness.teacher.id,
    source: 'browser',
    status: 'ready',
    segmentCount: 2,
  });
  const segments = await db.findAll<SegmentDoc>(COLLECTIONS.segments, { recordingId: recording.recordingId });
  expect(segments.map((s) => [s.seq, s.status])).toEqual([
    [0, 'converted'],
    [1, 'converted'],
  ]);
  const segmentSamples = segments.reduce((sum, s) => sum + s.samples, 0);
  expect(segmentSamples).toBe(sent.length / 2);

  // The full MP3 decodes to the recorded length (within one MP3 frame) and is not silence.
  const mp3 = await storage.download(doc!.fullMp3FileID!);
  const decoded = await decodeMp3(mp3);
  const recordedMs = (sent.length / PCM_BYTES_PER_SECOND) * 1000;
  const decodedMs = (frameCount(decoded) / decoded.sampleRate) * 1000;
  expect(Math.abs(decodedMs - recordedMs)).toBeLessThan(40);
  expect(rms(decoded, 0, frameCount(decoded))).toBeGreaterThan(0.01);
  expect(recording.durationMs).toBeGreaterThan(3900);
}, 240_000);
