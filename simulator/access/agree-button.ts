import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PageHandle } from '../page/page-handle';
import type { AccessState } from './access-state';

interface AgreeButton {
  id: string;
  handler: string | undefined;
}

/** The page's `<button open-type="agreePrivacyAuthorization">`, read from its WXML: its id and bound handler. */
function findAgreeButton(root: string, route: string): AgreeButton {
  const wxml = fs.readFileSync(path.join(root, `${route}.wxml`), 'utf8');
  const tag = /<button\b[^>]*open-type="agreePrivacyAuthorization"[^>]*>/.exec(wxml)?.[0];
  if (!tag) throw new Error(`page ${route} has no <button open-type="agreePrivacyAuthorization">`);
  const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const id = attr('id');
  // Without an id the app cannot name the button in resolve({buttonId}), so the agreement never counts.
  if (!id) throw new Error(`page ${route}: the agreePrivacyAuthorization button needs an id`);
  return { id, handler: attr('bindagreeprivacyauthorization') ?? attr('bind:agreeprivacyauthorization') };
}

/**
 * The student taps the page's agree button: WeChat records the agreement (every privacy API works from
 * now on) and remembers the button for resolve({buttonId}); then the button's
 * `bindagreeprivacyauthorization` handler runs. Rendered pages must actually show the button.
 */
export async function tapAgreeButton(root: string, page: PageHandle, state: AccessState): Promise<void> {
  const button = findAgreeButton(root, page.route);
  if (page.dom && !page.find(`#${button.id}`))
    throw new Error(`page ${page.route}: the agree button #${button.id} is not shown`);
  state.lastTapAt = Date.now();
  if (state.privacyDeclared) state.privacyAgreed = true;
  state.agreeButtonsTapped.add(button.id);
  if (!button.handler) return;
  const handler = page.instance[button.handler];
  if (typeof handler !== 'function') throw new Error(`page ${page.route} has no handler "${button.handler}"`);
  const target = { id: button.id, dataset: {} };
  await (handler as (e: unknown) => unknown).call(page.instance, {
    type: 'agreeprivacyauthorization',
    target,
    currentTarget: target,
    detail: {},
  });
}
