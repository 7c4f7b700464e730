/**
 * wavesurfer.js lays out its waveform (the played part over the wave, the cursor, the plugins' markers)
 * with a <style> element inside its shadow root. The admin server's Content-Security-Policy allows styles
 * only from our own files (`style-src 'self'`), so the browser refuses that element: the played part drew
 * as a second wave under the first, and the comment markers stretched over the whole card. wavesurfer's
 * `cspNonce` option (wavesurfer.js#3602, PR #3858) needs a nonce minted per response, which a static SPA
 * does not have. The CSSOM is not subject to `style-src`, so the refused element's own rules are adopted
 * as a constructed stylesheet: the same layout, the policy unchanged.
 */
import type WaveSurfer from 'wavesurfer.js';

export function adoptWaveSurferStyles(surfer: WaveSurfer): void {
  const root = surfer.getWrapper().getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  const css = [...root.querySelectorAll('style')].map((style) => style.textContent).join('\n');
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
