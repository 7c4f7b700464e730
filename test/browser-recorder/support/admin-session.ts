/**
 * The recorder as shipped, as jest hooks: the Vite build served by the real admin server process over a
 * fresh emulator, one teacher account, and headless Chromium whose fake microphone plays speech, with one
 * page open. The hooks own start and close; tests read what they made through getters.
 */
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { createTeacher } from '../../../admin/server/teachers';
import { signInThroughForm } from '../../admin/support/admin-page';
import { startAdminFixture, TEST_PASSWORD, type AdminFixture } from '../../admin/support/fixture';
import { launchBrowser, type TestBrowser } from '../../support/chromium';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../../simulator/speech';
import { waitForState } from './recorder-page';
import { started } from './recorder-session';
import { buildWebApp } from '../../../harness/browser-recorder/web-build';

export interface AdminRecorderSession {
  readonly fixture: AdminFixture;
  readonly browser: TestBrowser;
  readonly page: Page;
  /** The teacher account the hooks created (password TEST_PASSWORD). */
  readonly username: string;
}

/** Registers beforeAll/afterAll that start the admin server, a teacher `username` and a browser page. */
export function useAdminRecorderSession(username: string): AdminRecorderSession {
  let webDir: string | undefined;
  let fixture: AdminFixture | undefined;
  let browser: TestBrowser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    webDir = await buildWebApp();
    fixture = await startAdminFixture({ webDir });
    await createTeacher(fixture.app, { username, password: TEST_PASSWORD });
    const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 48000, channels: 1 });
    browser = await launchBrowser({ audioWav: wav });
    page = await browser.context.newPage();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await fixture?.close();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });
  return {
    get fixture() {
      return started(fixture, 'admin server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get page() {
      return started(page, 'browser page');
    },
    username,
  };
}

/** Signs the teacher in through the admin login form and waits for the admin page. */
export async function signInToAdmin(session: AdminRecorderSession): Promise<void> {
  await signInThroughForm(session.page, session.fixture.url, session.username, TEST_PASSWORD);
  await session.page.locator('[data-test=new-assignment]').waitFor();
}

/** Opens /record on the admin server and waits until it is ready to record. */
export async function openAdminRecorder(session: AdminRecorderSession): Promise<void> {
  await session.page.goto(`${session.fixture.url}/record?lang=en&debug=1`);
  await waitForState(session.page, 'ready');
}
