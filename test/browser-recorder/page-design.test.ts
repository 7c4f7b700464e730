/**
 * The browser recorder page as a user meets it, in real Chromium with a fake microphone and camera playing
 * speech: every state at 360 px is checked (no sideways scroll, 44 px controls, 4.5:1 text, no console
 * errors), and one recording is made from the keyboard alone, in English, with visible focus and labels.
 */
import type { Page } from 'playwright-core';
import {
  openRecorderBrowser,
  shootRecorder,
  type RecorderBrowser,
} from '../../scripts/screens/recorder-screens';

jest.setTimeout(240_000);

let recorder: RecorderBrowser;

beforeAll(async () => {
  recorder = await openRecorderBrowser();
});

afterAll(async () => {
  await recorder?.close();
});

const waitForState = (page: Page, state: string) =>
  page.waitForFunction(`window.recorderDebug && window.recorderDebug.state === '${state}'`, undefined, {
    timeout: 60_000,
  });

/** Waits until the page has captured `bytes` of PCM in this recording (16 kHz: 32,000 bytes a second). */
const spoken = (page: Page, bytes: number) =>
  page.waitForFunction(`window.recorderDebug.counters.audioBytes >= ${bytes}`, undefined, {
    timeout: 60_000,
  });

/** The focused element's id and whether it shows a focus ring. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    return { id: element.id, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
  });

it('every state at 360 px: no sideways scroll, 44 px controls, readable text, no console errors', async () => {
  const screens = await shootRecorder([{ width: 360, height: 780 }], undefined, recorder);
  expect(screens.map((s) => s.name)).toEqual([
    'recorder-ready',
    'recorder-recording',
    'recorder-paused',
    'recorder-finished',
    'recorder-video',
  ]);
  const findings = (pick: (s: (typeof screens)[number]) => unknown) =>
    Object.fromEntries(screens.map((s) => [s.name, pick(s)]));
  expect(findings((s) => s.audit.overflowX)).toEqual(findings(() => 0));
  expect(findings((s) => s.audit.smallControls)).toEqual(findings(() => []));
  expect(findings((s) => s.audit.lowContrast)).toEqual(findings(() => []));
  expect(findings((s) => s.consoleErrors)).toEqual(findings(() => []));
});

it('records, pauses, resumes and stops from the keyboard, in English, with visible focus and labels', async () => {
  const { page, errors } = await recorder.open({ width: 1280, height: 800 }, '?lang=en');
  await waitForState(page, 'ready');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await expect(page.getByLabel('Level').evaluate((el) => el.tagName)).resolves.toBe('METER');
  for (let i = 0; i < 12 && (await focused(page)).id !== 'record'; i += 1) await page.keyboard.press('Tab');
  expect(await focused(page)).toEqual({ id: 'record', ring: true });
  expect(await page.textContent('#record')).toBe('Record');

  await page.keyboard.press('Enter');
  await waitForState(page, 'recording');
  await page.waitForFunction(() => document.activeElement?.id === 'pause');
  expect(await page.getByRole('button', { name: 'Pause' }).isVisible()).toBe(true);
  await spoken(page, 32000);
  await page.keyboard.press('Space');
  await waitForState(page, 'paused');
  expect(await page.getByRole('button', { name: 'Play segment 1' }).isEnabled()).toBe(true);
  // "Saved" once cloud storage holds the take (the server's ack), not before.
  await page.waitForFunction(() =>
    document.getElementById('status')!.textContent!.endsWith('(saved as a segment)'),
  );
  await page.keyboard.press('Space');
  await waitForState(page, 'recording');
  await spoken(page, 64000);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toEqual({ id: 'stop', ring: true });
  await page.keyboard.press('Enter');

  await page.waitForFunction(() => !document.getElementById('result')!.hidden, undefined, {
    timeout: 60_000,
  });
  expect(await page.textContent('#result')).toMatch(/^Saved\d:\d\d in 2 take\(s\)Open in the admin page$/);
  const recordingId = await page.evaluate(
    () =>
      (window as unknown as { recorderDebug: { lastRecording: { recordingId: string } } }).recorderDebug
        .lastRecording.recordingId,
  );
  expect(await page.getAttribute('#result a', 'href')).toBe(`/#/recordings/${recordingId}`);
  await waitForState(page, 'ready');
  await page.waitForFunction(() => document.activeElement?.id === 'record');
  expect(errors).toEqual([]);
  await page.close();
});
