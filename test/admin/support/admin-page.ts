/** Steps a teacher takes in the admin page, driven through the real UI. */
import type { Page } from 'playwright-core';

export async function signInThroughForm(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/#/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('[data-test=login-submit]').click();
}

/**
 * Resolves once the page's main <audio> element is actually playing (not paused, time advancing). On a
 * timeout it fails with the element's state, so a failure in CI says whether the source, the network
 * or the decoder stopped it.
 */
export async function waitUntilPlaying(page: Page): Promise<number> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const audio = document.querySelector<HTMLAudioElement>('audio[data-test=main-audio]');
        return audio && !audio.paused && audio.currentTime > 0.2 ? audio.currentTime : false;
      },
      undefined,
      { timeout: 30000 },
    );
    return (await handle.jsonValue()) as number;
  } catch (err) {
    const state = await page
      .locator('audio[data-test=main-audio]')
      .evaluate((a: HTMLAudioElement) => ({
        src: a.currentSrc.slice(0, 80),
        paused: a.paused,
        currentTime: a.currentTime,
        duration: a.duration,
        readyState: a.readyState,
        networkState: a.networkState,
        error: a.error ? `${a.error.code} ${a.error.message}` : null,
      }))
      .catch((stateErr: unknown) => String(stateErr));
    throw new Error(`the audio never played: ${JSON.stringify(state)} (${String(err)})`, { cause: err });
  }
}

/** Waits for the review API call that a field's blur sends. */
export function reviewSaved(page: Page) {
  return page.waitForResponse((res) => res.url().includes('/review') && res.request().method() === 'PUT');
}
