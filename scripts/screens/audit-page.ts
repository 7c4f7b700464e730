import type { Page } from 'playwright-core';

/** What a student would trip on, measured from the layout and the computed styles of a drawn screen. */
export interface PageAudit {
  /** How many px the content is wider than the screen (0: no horizontal scrolling). */
  overflowX: number;
  /** Buttons (and role=button) and text fields shorter than 44 px. */
  smallControls: Array<{ text: string; height: number }>;
  /** Text below 4.5:1 against what is behind it (3:1 for large text, WCAG 1.4.3); disabled controls excepted. */
  lowContrast: Array<{ text: string; ratio: number; color: string; background: string }>;
}

export const MIN_CONTROL_PX = 44;

/**
 * Runs in the browser: self-contained on purpose (it is sent as source). `scope` is the selector of the
 * part that belongs to us (the page's view, not WeChat's bars). Colours are read as `rgb()`/`rgba()`.
 */
export function auditInBrowser(scope: string): PageAudit {
  const root = document.querySelector(scope) ?? document.body;
  const CONTROLS = 'button, [role="button"], input:not([type="radio"]):not([type="checkbox"])';
  /** `rgb(r, g, b)` or `rgba(r, g, b, a)` as [r, g, b, a]. */
  const rgba = (text: string): number[] => {
    const parts = (text.match(/[\d.]+/g) ?? []).map(Number);
    return parts.length >= 4 ? parts.slice(0, 4) : [...parts.slice(0, 3), 1];
  };
  const over = (top: number[], below: number[]): number[] => {
    const a = top[3] ?? 1;
    return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (below[i] ?? 0) * (1 - a)).concat(1);
  };
  /** What is painted behind an element: its and its ancestors' backgrounds down to the first opaque one. */
  const background = (element: Element): number[] => {
    const layers: number[][] = [];
    for (let node: Element | null = element; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if ((colour[3] ?? 0) > 0) layers.push(colour);
      if ((colour[3] ?? 0) >= 1) break;
    }
    return layers.reduceRight((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const luminance = (c: number[]): number => {
    const [r, g, b] = [0, 1, 2].map((i) => {
      const v = (c[i] ?? 0) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const ratio = (a: number[], b: number[]): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
  };
  const visible = (element: Element): boolean => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  };
  const hasOwnText = (element: Element): boolean =>
    Array.from(element.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
  const tooSmall = (control: Element) => {
    const height = control.getBoundingClientRect().height;
    return visible(control) && height < 44 ? [{ text: control.textContent?.trim() ?? '', height }] : [];
  };
  const lowContrast = (element: Element) => {
    if (!hasOwnText(element) || !visible(element) || element.closest('[disabled]')) return [];
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const back = background(element);
    const value = ratio(over(rgba(style.color), back), back);
    if (value >= (large ? 3 : 4.5)) return [];
    const text = (element.textContent ?? '').trim().slice(0, 40);
    const behind = `rgb(${back.slice(0, 3).map(Math.round).join(',')})`;
    return [{ text, ratio: Math.round(value * 100) / 100, color: style.color, background: behind }];
  };
  return {
    overflowX: Math.max(
      root.scrollWidth - root.clientWidth,
      document.documentElement.scrollWidth - innerWidth,
    ),
    smallControls: Array.from(root.querySelectorAll(CONTROLS)).flatMap(tooSmall),
    lowContrast: Array.from(root.querySelectorAll('*')).flatMap(lowContrast),
  };
}

/** Runs the audit in a page. The source is sent as text, with a no-op `__name` for what tsx adds to it. */
export function auditPage(page: Page, scope: string): Promise<PageAudit> {
  return page.evaluate(
    `(() => { const __name = (f) => f; return (${auditInBrowser.toString()})(${JSON.stringify(scope)}); })()`,
  ) as Promise<PageAudit>;
}
