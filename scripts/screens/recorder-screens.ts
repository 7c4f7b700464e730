/**
 * The browser recorder page (`/record`, admin/web/record/) in the states a user meets, in Chromium with a
 * fake microphone and camera that play espeak-ng speech: served by the recorder harness exactly as the
 * admin server serves it (the Vite build, the real socket and pipeline).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  startRecorderHarness,
  TEACHER_COOKIE,
  type RecorderHarness,
} from '../../harness/browser-recorder/recorder-harness';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { auditPage, type PageAudit } from './audit-page';
import { CHROMIUM, watchConsole } from './draw';
import type { Viewport } from './phone-document';

export const RECORDER_VIEWPORTS: Viewport[] = [
  { width: 360, height: 780 },
  { width: 1280, height: 800 },
];

export interface RecorderScreen {
  name: string;
  viewport: Viewport;
  file?: string;
  audit: PageAudit;
  consoleErrors: string[];
}

async function waitFor(page: Page, script: string): Promise<void> {
  await page.waitForFunction(script, undefined, { timeout: 60_000 });
}

const state = (name: string) =>
  `window.recorderDebug && window.recorderDebug.state === ${JSON.stringify(name)}`;
const audioBytes = (n: number) => `window.recorderDebug.counters.audioBytes >= ${n}`;

/** The states, in the order one recording walks through them; `shoot` is called at each. */
async function walk(page: Page, shoot: (name: string) => Promise<void>): Promise<void> {
  await waitFor(page, state('ready'));
  await shoot('recorder-ready');
  await page.click('#record');
  await waitFor(page, `${state('recording')} && ${audioBytes(64000)}`);
  await waitFor(page, '(document.getElementById("level")).value > 0.05');
  await shoot('recorder-recording');
  await page.click('#pause');
  await waitFor(page, state('paused'));
  await page.click('#pause');
  await waitFor(page, `${state('recording')} && ${audioBytes(128000)}`);
  await page.click('#pause');
  await waitFor(page, state('paused'));
  await shoot('recorder-paused');
  await page.click('#stop');
  await waitFor(
    page,
    'window.recorderDebug.lastRecording !== undefined && !document.getElementById("result").hidden',
  );
  await shoot('recorder-finished');
  await page.check('#kind-video');
  await waitFor(page, state('ready'));
  await page.click('#record');
  await waitFor(page, `${state('recording')} && ${audioBytes(32000)}`);
  await shoot('recorder-video');
  await page.click('#stop');
  await waitFor(
    page,
    'window.recorderDebug.lastRecording !== undefined && !document.getElementById("result").hidden',
  );
}

async function openContext(wav: string, dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** A recorder harness (server, emulator, Vite build) and a Chromium whose microphone and camera are fake. */
export interface RecorderBrowser {
  harness: RecorderHarness;
  context: BrowserContext;
  /** A new tab on `/record` (query e.g. `?lang=en`), signed in as the harness's teacher, console watched. */
  open(viewport: Viewport, query?: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

export async function openRecorderBrowser(): Promise<RecorderBrowser> {
  const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 });
  const harness = await startRecorderHarness();
  const dir = await mkdtemp(path.join(tmpdir(), 'dr-screens-chromium-'));
  const context = await openContext(wav, dir);
  await context.addCookies([
    { name: TEACHER_COOKIE, value: harness.teacher.sessionToken, url: harness.pageUrl },
  ]);
  return {
    harness,
    context,
    async open(viewport, query = '') {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const errors = watchConsole(page);
      await page.goto(`${harness.pageUrl}/record${query}`);
      return { page, errors };
    },
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
      await harness.close();
    },
  };
}

/** Walks one teacher recording (audio, then video) per viewport, auditing each state; PNGs into `outDir`. */
export async function shootRecorder(
  viewports: Viewport[],
  outDir?: string,
  browser?: RecorderBrowser,
): Promise<RecorderScreen[]> {
  const recorder = browser ?? (await openRecorderBrowser());
  const screens: RecorderScreen[] = [];
  try {
    for (const viewport of viewports) {
      const { page, errors } = await recorder.open(viewport);
      await walk(page, async (name) => {
        const file = outDir ? path.join(outDir, `${name}-${viewport.width}.png`) : undefined;
        if (file) await page.screenshot({ path: file, fullPage: true });
        screens.push({
          name,
          viewport,
          file,
          audit: await auditPage(page, 'body'),
          consoleErrors: [...errors],
        });
      });
      await page.close();
    }
  } finally {
    if (!browser) await recorder.close();
  }
  return screens;
}
