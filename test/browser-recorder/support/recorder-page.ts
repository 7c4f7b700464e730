/** Drives the recorder page in a browser context and reads what the page exposes for tests. */
import type { BrowserContext, Page } from 'playwright-core';
import type { RecordingFinished } from '../../../typings/browser-recorder';
import { TEACHER_COOKIE, type RecorderHarness } from '../../../harness/browser-recorder/recorder-harness';

export interface PageCounters {
  audioBytes: number;
  videoBytes: number;
  socketBytes: number;
  reconnects: number;
  connectAttempts: number;
  confirmedAudio: number;
  pending: number;
  /** Media bytes the page holds that storage has not confirmed. */
  heldBytes: number;
}

interface RecorderDebug {
  state: string;
  counters: PageCounters;
  lastRecording?: RecordingFinished;
  lastCounters?: PageCounters;
  capturedPcmBase64(): string;
}

declare const recorderDebug: RecorderDebug;

/** 16 kHz mono 16-bit. */
export const PCM_BYTES_PER_SECOND = 32000;

export async function signInTeacher(context: BrowserContext, harness: RecorderHarness): Promise<void> {
  const url = harness.pageUrl;
  await context.addCookies([{ name: TEACHER_COOKIE, value: harness.teacher.sessionToken, url }]);
}

export async function openRecorder(
  context: BrowserContext,
  harness: RecorderHarness,
  query = '',
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${harness.pageUrl}/record?lang=en&debug=1${query}`);
  return page;
}

export async function waitForState(page: Page, state: string): Promise<void> {
  await page.waitForFunction((wanted) => recorderDebug.state === wanted, state);
}

/** Waits until the page has captured at least `bytes` of PCM in the current recording. */
export async function waitForAudioBytes(page: Page, bytes: number): Promise<void> {
  await page.waitForFunction((wanted) => recorderDebug.counters.audioBytes >= wanted, bytes, {
    timeout: 60_000,
  });
}

/** Waits until cloud storage holds at least `bytes` of the recording's audio (the server's acks say so). */
export async function waitForConfirmedAudio(page: Page, bytes: number): Promise<void> {
  await page.waitForFunction((wanted) => recorderDebug.counters.confirmedAudio >= wanted, bytes, {
    timeout: 90_000,
  });
}

/** Waits until at least `bytes` of captured audio are not yet in cloud storage (only in the page and server). */
export async function waitForUnconfirmedAudio(page: Page, bytes: number): Promise<void> {
  await page.waitForFunction(
    (wanted) => recorderDebug.counters.audioBytes - recorderDebug.counters.confirmedAudio >= wanted,
    bytes,
    { timeout: 60_000 },
  );
}

/** Waits until the page has reconnected at least once and says it is recording again. */
export async function waitForRecordingAfterReconnect(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      recorderDebug.counters.reconnects >= 1 &&
      document.getElementById('status')!.textContent!.startsWith('Recording'),
    undefined,
    { timeout: 60_000 },
  );
}

export async function counters(page: Page): Promise<PageCounters> {
  return page.evaluate(() => recorderDebug.counters);
}

/** Clicks Stop and waits for the server's "finished"; returns it with the counters of that recording. */
export async function stopAndWait(
  page: Page,
): Promise<{ recording: RecordingFinished; counters: PageCounters }> {
  await page.click('#stop');
  await page.waitForFunction(() => recorderDebug.lastRecording !== undefined, undefined, {
    timeout: 120_000,
  });
  return page.evaluate(() => ({
    recording: recorderDebug.lastRecording!,
    counters: recorderDebug.lastCounters!,
  }));
}

export async function capturedPcm(page: Page): Promise<Buffer> {
  return Buffer.from(await page.evaluate(() => recorderDebug.capturedPcmBase64()), 'base64');
}
