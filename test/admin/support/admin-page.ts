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

/**
 * Runs `act` (which must start playback of the paused main audio) and returns where it started: the
 * position in the 'play' event and after every seek the element completes before it is 'playing'. They
 * are read inside the events, not by polling, so a busy machine cannot let the playhead run past the
 * moment being checked.
 */
export async function playbackStartAfter(page: Page, act: () => Promise<void>): Promise<number[]> {
  const audio = page.locator('audio[data-test=main-audio]');
  await audio.evaluate((a: HTMLAudioElement) => {
    const w = window as unknown as { playbackStart?: { positions: number[]; playing: boolean } };
    const state = { positions: [] as number[], playing: false };
    w.playbackStart = state;
    const seeked = () => state.positions.push(a.currentTime);
    a.addEventListener(
      'play',
      () => {
        state.positions.push(a.currentTime);
        a.addEventListener('seeked', seeked);
      },
      { once: true },
    );
    a.addEventListener(
      'playing',
      () => {
        a.removeEventListener('seeked', seeked);
        state.playing = true;
      },
      { once: true },
    );
  });
  await act();
  const started = await page.waitForFunction(
    () => {
      const w = window as unknown as { playbackStart?: { positions: number[]; playing: boolean } };
      return w.playbackStart?.playing ? w.playbackStart.positions : false;
    },
    undefined,
    { timeout: 30000 },
  );
  return (await started.jsonValue()) as number[];
}
