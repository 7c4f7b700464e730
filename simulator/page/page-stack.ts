import { WxFailure } from '../core/wx-result';
import { callHook, type ErrorSink, type PageHandle } from './page-handle';

/** The documented page stack limit (navigateTo fails beyond it). */
export const MAX_PAGE_STACK = 10;

export type PageOpener = (route: string, query: Record<string, string>) => PageHandle;

/** Splits `/pages/a/a?x=1&y=2` (or a path relative to `from`) into route and query. */
export function parseUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  const base = from ? from.split('/').slice(0, -1) : [];
  const parts = pathPart.startsWith('/') ? [] : base;
  for (const piece of pathPart.replace(/^\/+/, '').split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[key] = value;
  }
  return { route: parts.join('/'), query };
}

/** The page stack with the documented lifecycle order for each navigation. */
export class PageStack {
  readonly pages: PageHandle[] = [];

  constructor(
    private readonly opener: PageOpener,
    private readonly report: ErrorSink,
  ) {}

  get top(): PageHandle | undefined {
    return this.pages[this.pages.length - 1];
  }

  private hook(page: PageHandle | undefined, name: string, ...args: unknown[]): void {
    if (page) callHook(page.instance, name, args, this.report);
  }

  /** Opens a page on top: onLoad(query) → onShow → onReady. */
  open(url: string): PageHandle {
    const { route, query } = parseUrl(url, this.top?.route);
    const page = this.opener(route, query);
    this.pages.push(page);
    this.hook(page, 'onLoad', query);
    this.hook(page, 'onShow');
    this.hook(page, 'onReady');
    return page;
  }

  navigateTo(url: string): PageHandle {
    if (this.pages.length >= MAX_PAGE_STACK) throw new WxFailure('webview count limit exceed');
    this.hook(this.top, 'onHide');
    return this.open(url);
  }

  redirectTo(url: string): PageHandle {
    this.unloadTop();
    return this.open(url);
  }

  navigateBack(delta = 1): void {
    if (this.pages.length <= 1) throw new WxFailure('cannot navigate back at first page.');
    for (let i = 0; i < delta && this.pages.length > 1; i += 1) this.unloadTop();
    this.hook(this.top, 'onShow');
  }

  reLaunch(url: string): PageHandle {
    while (this.pages.length > 0) this.unloadTop();
    return this.open(url);
  }

  private unloadTop(): void {
    const page = this.pages.pop();
    this.hook(page, 'onUnload');
    page?.detach();
  }

  hideTop(): void {
    this.hook(this.top, 'onHide');
  }

  showTop(): void {
    this.hook(this.top, 'onShow');
  }

  /** The process died: no hooks run, rendered trees are just dropped. */
  drop(): void {
    for (const page of this.pages.splice(0)) page.detach();
  }
}
