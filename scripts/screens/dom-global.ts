import { JSDOM } from 'jsdom';

const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'Node',
  'Element',
  'HTMLElement',
  'Event',
  'CustomEvent',
  'MutationObserver',
  'getComputedStyle',
  'requestAnimationFrame',
  'cancelAnimationFrame',
] as const;

/**
 * Rendered pages need a DOM (miniprogram-simulate builds the page tree in one). A jest test under
 * `@jest-environment jsdom` has it; a plain script gets a jsdom window in its globals here. Node's own
 * fetch and timers stay, so the emulator client keeps working.
 */
export function ensureDom(): void {
  if (typeof document !== 'undefined') return;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const globals = globalThis as Record<string, unknown>;
  const source = dom.window as unknown as Record<string, unknown>;
  for (const name of DOM_GLOBALS) {
    if (globals[name] === undefined) globals[name] = name === 'window' ? dom.window : source[name];
  }
}
