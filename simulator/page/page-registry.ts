/** Page definitions registered by `Page({...})` during a launch, keyed by route. */
export type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

export class PageRegistry {
  private readonly definitions = new Map<string, PageOptions>();
  private loadingRoute: string | null = null;

  /** Runs `load` (which requires the page module) and attributes the Page() call inside it to `route`. */
  loadAs(route: string, load: () => void): void {
    this.loadingRoute = route;
    try {
      load();
    } finally {
      this.loadingRoute = null;
    }
    if (!this.definitions.has(route)) throw new Error(`page module for "${route}" did not call Page()`);
  }

  /** The global `Page` constructor. */
  readonly Page = (options: PageOptions): void => {
    if (!this.loadingRoute)
      throw new Error('Page() called outside page loading: pages must be listed in app.json');
    this.definitions.set(this.loadingRoute, options ?? {});
  };

  get(route: string): PageOptions {
    const definition = this.definitions.get(route);
    if (!definition) throw new Error(`page "${route}" is not registered (is it listed in app.json "pages"?)`);
    return definition;
  }

  routes(): string[] {
    return [...this.definitions.keys()];
  }
}
