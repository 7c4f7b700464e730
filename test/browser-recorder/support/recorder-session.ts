/**
 * The per-file world of a browser-recorder test as jest hooks: a recorder harness and, for page tests,
 * headless Chromium whose fake microphone plays speech. The hooks own start and close; the test reads
 * what they made through getters (only valid once beforeAll has run).
 */
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../../support/chromium';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../../simulator/speech';
import {
  startRecorderHarness,
  type HarnessOptions,
  type RecorderHarness,
} from '../../../harness/browser-recorder/recorder-harness';
import { openRecorder, signInTeacher, waitForState } from './recorder-page';

const SETUP_TIMEOUT_MS = 120_000;

export interface RecorderSessionOptions extends HarnessOptions {
  /** false: the browser has no microphone to grant, so the page's permission request is denied. */
  microphone?: boolean;
}

export interface RecorderSession {
  readonly harness: RecorderHarness;
  readonly browser: TestBrowser;
}

/** Registers beforeAll/afterAll for a recorder harness alone (protocol tests without a page). */
export function useRecorderHarness(options: HarnessOptions = {}): { readonly harness: RecorderHarness } {
  let harness: RecorderHarness | undefined;
  beforeAll(async () => {
    harness = await startRecorderHarness(options);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await harness?.close();
  });
  return {
    get harness() {
      return started(harness, 'recorder harness');
    },
  };
}

/**
 * Registers beforeAll/afterAll for a recorder harness and a Chromium with a speech microphone; the browser
 * closes before the harness so no page is left talking to a closed server.
 */
export function useRecorderSession(options: RecorderSessionOptions = {}): RecorderSession {
  const { microphone = true, ...harnessOptions } = options;
  let harness: RecorderHarness | undefined;
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    harness = await startRecorderHarness(harnessOptions);
    const audioWav = microphone
      ? await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 })
      : undefined;
    browser = await launchBrowser({ audioWav });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  return {
    get harness() {
      return started(harness, 'recorder harness');
    },
    get browser() {
      return started(browser, 'browser');
    },
  };
}

/** Signs the harness teacher in and opens the recorder page once it is ready to record. */
export async function openRecorderAsTeacher(session: RecorderSession): Promise<Page> {
  await signInTeacher(session.browser.context, session.harness);
  const page = await openRecorder(session.browser.context, session.harness);
  await waitForState(page, 'ready');
  return page;
}

/** As openRecorderAsTeacher, then presses Record. */
export async function startRecordingAsTeacher(session: RecorderSession): Promise<Page> {
  const page = await openRecorderAsTeacher(session);
  await page.click('#record');
  return page;
}

/** The value a beforeAll hook made, or a clear error when read before it ran. */
export function started<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the ${what} is not started (read it inside a test or hook)`);
  return value;
}
