/**
 * A video recording end to end in real headless Chromium: recorded on /record with the fake camera and a
 * speech microphone through the real admin server process, then played in the admin page's <video>:
 * it plays, knows its length, and seeks (the server passes Range through to storage).
 */
import type { Page } from 'playwright-core';
import { launchBrowser } from '../support/chromium';
import {
  openAdminRecorder,
  signInToAdmin,
  useAdminRecorderSession,
} from '../browser-recorder/support/admin-session';
import {
  PCM_BYTES_PER_SECOND,
  stopAndWait,
  waitForAudioBytes,
} from '../browser-recorder/support/recorder-page';

const VIDEO = 'video[data-test=main-video]';

const session = useAdminRecorderSession('ms_chen');
let page: Page;
let recordingId: string;
let recordedS: number;
const videoStatuses: number[] = [];

async function recordVideo(seconds: number): Promise<void> {
  await openAdminRecorder(session);
  await page.check('#kind-video');
  await page.click('#record');
  await waitForAudioBytes(page, seconds * PCM_BYTES_PER_SECOND);
  const { recording, counters } = await stopAndWait(page);
  recordingId = recording.recordingId;
  recordedS = counters.audioBytes / PCM_BYTES_PER_SECOND;
}

beforeAll(async () => {
  page = session.page;
  page.on('response', (res) => {
    if (res.url().endsWith('/video')) videoStatuses.push(res.status());
  });
  await signInToAdmin(session);
  await recordVideo(6);
  await page.goto(`${session.fixture.url}/#/recordings/${recordingId}`);
}, 300_000);

/** The <video>'s duration once its metadata has loaded. */
async function loadedDuration(on: Page = page): Promise<number> {
  const handle = await on.waitForFunction(
    (selector) => {
      const video = document.querySelector<HTMLVideoElement>(selector);
      return video && video.readyState >= 1 ? video.duration : false;
    },
    VIDEO,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

test('the recording page shows the video with a finite duration that matches the recording', async () => {
  const duration = await loadedDuration();
  expect(Number.isFinite(duration)).toBe(true);
  expect(Math.abs(duration - recordedS)).toBeLessThan(1.5);
});

/** Resolves with the video's current time once it is playing past `after` seconds. */
async function playingPast(after: number): Promise<number> {
  const handle = await page.waitForFunction(
    ({ selector, past }) => {
      const video = document.querySelector<HTMLVideoElement>(selector)!;
      return !video.paused && video.currentTime > past ? video.currentTime : false;
    },
    { selector: VIDEO, past: after },
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

test('the video plays: not paused and its current time advances', async () => {
  await page.$eval(VIDEO, (video: HTMLVideoElement) => video.play());
  const first = await playingPast(0.2);
  expect(await playingPast(first + 0.5)).toBeGreaterThan(first);
});

test('seeking to the middle lands there and plays on from there; the video was fetched with Range (206)', async () => {
  const target = (await loadedDuration()) / 2;
  const landed = await page.$eval(
    VIDEO,
    (video: HTMLVideoElement, to: number) =>
      new Promise<number>((resolve, reject) => {
        video.pause();
        video.onseeked = () => resolve(video.currentTime);
        video.onerror = () => reject(new Error(`video error ${video.error?.code}`));
        video.currentTime = to;
      }),
    target,
  );
  expect(Math.abs(landed - target)).toBeLessThan(0.5);
  await page.$eval(VIDEO, (video: HTMLVideoElement) => video.play());
  expect(await playingPast(landed + 0.3)).toBeGreaterThan(target);
  expect(videoStatuses).toContain(206);
});

test('a share link shows the video to a fresh browser with its duration', async () => {
  await page.locator('[data-test=create-share]').click();
  const shareUrl = (await page.locator('[data-test=share-url]').first().textContent()) as string;
  const stranger = await launchBrowser({});
  try {
    const listener = await stranger.context.newPage();
    await listener.goto(shareUrl);
    expect(Math.abs((await loadedDuration(listener)) - recordedS)).toBeLessThan(1.5);
  } finally {
    await stranger.close();
  }
});

test('at phone width the video fits the screen', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  const box = await page.locator(VIDEO).boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  expect(box!.height).toBeGreaterThan(100);
});
