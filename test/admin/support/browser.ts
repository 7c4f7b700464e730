/** Real headless Chromium (Debian's, through playwright-core), each launch with a fresh profile. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface FreshBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchFreshBrowser(viewport = { width: 1280, height: 900 }): Promise<FreshBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'admin-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
