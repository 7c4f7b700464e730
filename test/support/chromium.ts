/**
 * Headless Chromium (Debian's /usr/bin/chromium) through playwright-core with a fresh profile, for every
 * browser test. With `audioWav` it gets fake media
 * devices that play that file (Chromium loops it) and grants them without a prompt; without it the
 * page's permission request is denied.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchBrowser(opts: { audioWav?: string }): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'dr-chromium-'));
  const media = opts.audioWav
    ? [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${opts.audioWav}`,
      ]
    : ['--use-fake-device-for-media-stream', '--deny-permission-prompts'];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...BASE_ARGS, ...media],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
