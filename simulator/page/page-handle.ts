import type { PageOptions } from './page-registry';

/** The `this` of a page: its data, setData, route, options (query) and its own methods and fields. */
export type PageInstance = Record<string, unknown> & {
  data: Record<string, unknown>;
  route: string;
  options: Record<string, string>;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
};

/** A page on the stack, headless or rendered through miniprogram-simulate. */
export interface PageHandle {
  readonly route: string;
  readonly query: Record<string, string>;
  readonly instance: PageInstance;
  /** The rendered root element (rendered pages only). */
  readonly dom?: Element;
  /**
   * Taps an element. Rendered: dispatches `tap` on the first element matching the CSS selector, so
   * the wxml binding decides which handler runs. Headless: the selector is the handler name.
   */
  tap(selector: string, dataset?: Record<string, unknown>): Promise<void>;
  /**
   * The rendered element on screen that matches the selector (`#id` and `.class` through exparser, which
   * knows the ids j-component leaves off the DOM; anything else on the DOM), or undefined when nothing
   * matches (a `wx:if` that is false). Headless pages have no screen: always undefined.
   */
  find(selector: string): Element | undefined;
  /** Removes the rendered tree (after onUnload). */
  detach(): void;
}

export type PageLifecycle = 'onLoad' | 'onShow' | 'onReady' | 'onHide' | 'onUnload';

/** Reports an error thrown by page or app code, as the base library routes it to App.onError. */
export type ErrorSink = (error: unknown) => void;

/** Calls a page or app hook the way the framework does: errors are caught and reported, never thrown. */
export function callHook(
  target: Record<string, unknown>,
  name: string,
  args: unknown[],
  report: ErrorSink,
): void {
  const hook = target[name];
  if (typeof hook !== 'function') return;
  try {
    const result: unknown = hook.apply(target, args);
    if (result instanceof Promise) result.catch(report);
  } catch (err) {
    report(err);
  }
}

/** Fields of a Page() definition that become instance fields (not data, not functions). */
export function instanceFields(definition: PageOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    if (key !== 'data' && typeof value !== 'function') fields[key] = value;
  }
  return fields;
}

export function pageMethods(definition: PageOptions): Record<string, (...args: unknown[]) => unknown> {
  const methods: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    if (typeof value === 'function') methods[key] = value as (...args: unknown[]) => unknown;
  }
  return methods;
}

export function cloneData(data: Record<string, unknown> | undefined): Record<string, unknown> {
  return data ? (JSON.parse(JSON.stringify(data)) as Record<string, unknown>) : {};
}

/** The event object a bindtap handler receives. */
export function tapEvent(dataset: Record<string, unknown> = {}) {
  const target = { id: '', dataset };
  return { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: { x: 0, y: 0 } };
}
