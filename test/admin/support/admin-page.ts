/** Steps a teacher takes in the admin page, driven through the real UI. */
import type { Page } from 'playwright-core';

export async function signInThroughForm(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
}

/** Resolves once the page's main <audio> element is actually playing (not paused, time advancing). */
export async function waitUntilPlaying(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const audio = document.querySelector<HTMLAudioElement>('audio[data-test=main-audio]');
      return audio && !audio.paused && audio.currentTime > 0.2 ? audio.currentTime : false;
    },
    undefined,
    { timeout: 30000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Waits for the review API call that a field's blur sends. */
export function reviewSaved(page: Page) {
  return page.waitForResponse((res) => res.url().includes('/review') && res.request().method() === 'PUT');
}
