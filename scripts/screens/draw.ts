import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { auditPage, type PageAudit } from './audit-page';
import type { CapturedScene } from './capture';
import { phoneDocument, readLook, type Viewport } from './phone-document';
import { MINIPROGRAM_ROOT } from './stage';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

/** One drawn screen: where its PNG went (if written), what the audit found, and the console's errors. */
export interface DrawnScreen {
  name: string;
  viewport: Viewport;
  file?: string;
  audit: PageAudit;
  consoleErrors: string[];
}

/** Collects console errors and uncaught exceptions of everything the page loads from now on. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

/** Draws each captured scene at each viewport in one browser; `outDir` set: a PNG per scene and size. */
export async function drawScenes(
  browser: Browser,
  scenes: CapturedScene[],
  viewports: Viewport[],
  outDir?: string,
): Promise<DrawnScreen[]> {
  const look = readLook(MINIPROGRAM_ROOT);
  const drawn: DrawnScreen[] = [];
  const page = await browser.newPage();
  const errors = watchConsole(page);
  try {
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      for (const scene of scenes) {
        errors.length = 0;
        await page.setContent(phoneDocument(look, scene.route, scene.page, viewport), { waitUntil: 'load' });
        await page.evaluate('document.fonts.ready');
        const file = outDir
          ? path.join(outDir, `${scene.name}-${viewport.width}x${viewport.height}.png`)
          : undefined;
        if (file) await page.screenshot({ path: file });
        const audit = await auditPage(page, '.wx-webview');
        drawn.push({ name: scene.name, viewport, file, audit, consoleErrors: [...errors] });
      }
    }
  } finally {
    await page.close();
  }
  return drawn;
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
