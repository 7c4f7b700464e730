import type { MiniApp } from './mini-app';

/** Whether the top page (rendered) shows an element matching the selector. */
export const shown = (app: MiniApp, selector: string): boolean => app.page().find(selector) !== undefined;

/** The text the top page (rendered) shows in the element matching the selector; '' when it is not there. */
export const textOf = (app: MiniApp, selector: string): string =>
  app.page().find(selector)?.textContent?.trim() ?? '';

/** Taps what the student sees: fails when the element is not on the screen. */
export async function tap(app: MiniApp, selector: string): Promise<void> {
  if (!shown(app, selector)) throw new Error(`${selector} is not on the screen`);
  await app.page().tap(selector);
}
