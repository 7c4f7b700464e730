/**
 * A video recording (fake camera + speech microphone): the video goes up in parts at each automatic cut,
 * is joined and remuxed to have a duration and cues, stored next to the full MP3, referenced from the
 * recording (the parts deleted), and a browser <video> reads its length.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RecordingStateDoc } from '../../admin/server/browser-recorder/recording-meta';
import { ADMIN_COLLECTIONS } from '../../admin/server/store/collections';
import { openStores } from '../../pipeline/cloud-handle';
import type { BrowserRecordingFields } from '../../typings/browser-recorder';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { PCM_BYTES_PER_SECOND, stopAndWait, waitForAudioBytes } from './support/recorder-page';
import { openRecorderAsTeacher, useRecorderSession } from './support/recorder-session';

const run = promisify(execFile);
// Cuts every second, so the video goes up in several parts that the finish joins.
const session = useRecorderSession({ recorder: { autoSealMs: 1000 } });

async function probeWebm(bytes: Buffer): Promise<{ durationS: number; hasCues: boolean }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dr-webm-'));
  try {
    const file = path.join(dir, 'video.webm');
    await writeFile(file, bytes);
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration',
      '-of',
      'csv=p=0',
      file,
    ]);
    // The Matroska Cues element (ID 1C 53 BB 6B) is the seek index MediaRecorder never writes.
    return {
      durationS: Number(stdout.trim()),
      hasCues: bytes.includes(Buffer.from([0x1c, 0x53, 0xbb, 0x6b])),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a video recording is stored as a WebM with cues of the recorded length and referenced from the recording', async () => {
  const { harness } = session;
  const page = await openRecorderAsTeacher(session);
  await page.check('#kind-video');
  await page.click('#record');
  await waitForAudioBytes(page, 3 * PCM_BYTES_PER_SECOND);
  const { recording, counters } = await stopAndWait(page);
  expect(counters.videoBytes).toBeGreaterThan(0);

  const { db, files } = openStores(harness.cloud);
  const doc = await db.get<RecordingDoc & BrowserRecordingFields>(
    COLLECTIONS.recordings,
    recording.recordingId,
  );
  expect(doc).toMatchObject({ source: 'browser', status: 'ready', videoFileID: recording.videoFileID });
  expect(doc!.videoFileID).toMatch(
    new RegExp(`/recordings/${harness.teacher.id}/${recording.recordingId}/video\\.webm$`),
  );

  // It went up in several parts, which are gone once it is joined.
  const state = await db.get<RecordingStateDoc>(ADMIN_COLLECTIONS.browserRecordings, recording.recordingId);
  const partIDs = state!.videoParts.map((part) => part.fileID!);
  expect(partIDs.length).toBeGreaterThanOrEqual(2);
  expect((await files.tempUrls(partIDs)).every((file) => file.url === undefined)).toBe(true);

  const webm = await files.download(doc!.videoFileID!);
  const { durationS, hasCues } = await probeWebm(webm);
  const recordedS = counters.audioBytes / PCM_BYTES_PER_SECOND;
  expect(Math.abs(durationS - recordedS)).toBeLessThan(1.2);
  expect(hasCues).toBe(true);

  // A browser reads the length from the file itself (a raw MediaRecorder WebM reports Infinity).
  const [url] = await files.tempUrls([doc!.videoFileID!]);
  const played = await page.evaluate(async (src) => {
    const video = document.createElement('video');
    video.muted = true;
    video.src = src;
    document.body.append(video);
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error(`video error ${video.error?.code}`));
    });
    return { duration: video.duration };
  }, url.url!);
  expect(Number.isFinite(played.duration)).toBe(true);
  expect(Math.abs(played.duration - durationS)).toBeLessThan(0.2);
}, 240_000);
