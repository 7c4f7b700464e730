import * as fs from 'node:fs';
import * as path from 'node:path';
import { cloneData, instanceFields, pageMethods, type PageHandle, type PageInstance } from './page-handle';
import type { PageOptions } from './page-registry';

/** The part of miniprogram-simulate we use (it ships no precise types). */
interface Simulate {
  load(definition: object | string, tagName?: string | object, options?: object): string;
  render(id: string): RenderedComponent;
  sleep(ms?: number): Promise<void>;
}

interface RenderedComponent {
  instance: PageInstance;
  dom: Element;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): Tappable | undefined;
}

type Tappable = { dispatchEvent(name: string, options?: object): void; dom?: Element };

/**
 * The element to tap. j-component's own querySelector (exparser) understands only `#id` and `.class`;
 * any other CSS selector (e.g. `.controls wx-button:nth-child(2)`) is matched on the rendered DOM and
 * wrapped in j-component's element class (the root's parent class), so the tap still travels through
 * exparser and reaches the wxml `bindtap`.
 */
function findTapTarget(component: RenderedComponent, selector: string): Tappable | undefined {
  const simple = /^[#.][\w-]+$/.test(selector) ? component.querySelector(selector) : undefined;
  if (simple) return simple;
  const element = component.dom.querySelector(selector) as (Element & { __wxElement?: object }) | null;
  if (!element?.__wxElement) return undefined;
  const ElementWrapper = Object.getPrototypeOf(Object.getPrototypeOf(component)).constructor as new (
    node: object,
  ) => Tappable;
  return new ElementWrapper(element.__wxElement);
}

let simulate: Simulate | null = null;

/** miniprogram-simulate needs a DOM (jest-environment-jsdom); it is loaded only when a page is rendered. */
export function loadSimulate(): Simulate {
  if (typeof document === 'undefined') {
    throw new Error(
      'rendering pages needs a DOM: add `@jest-environment jsdom` to the test, or use headless pages',
    );
  }
  // Loaded lazily (and so by require): it touches `window` as soon as it is imported.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  simulate ??= require('miniprogram-simulate') as Simulate;
  return simulate;
}

function readPageFile(root: string, route: string, ext: string): string | null {
  const file = path.join(root, `${route}.${ext}`);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

/** Registers the page's custom components with miniprogram-simulate and maps their tags to ids. */
function loadComponents(sim: Simulate, root: string, route: string): Record<string, string> {
  const json = JSON.parse(readPageFile(root, route, 'json') ?? '{}') as {
    usingComponents?: Record<string, string>;
  };
  const ids: Record<string, string> = {};
  for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
    const file = ref.startsWith('/') ? path.join(root, ref) : path.join(root, path.dirname(route), ref);
    ids[tag] = sim.load(file, tag, { compiler: 'simulate', rootPath: root });
  }
  return ids;
}

/**
 * Renders a Page() definition with miniprogram-simulate: the page becomes a j-component whose
 * methods are the page's functions, so wxml `bindtap` reaches the page's handlers and setData
 * updates the rendered tree.
 */
export function createRenderedPage(
  root: string,
  route: string,
  query: Record<string, string>,
  definition: PageOptions,
): PageHandle {
  const sim = loadSimulate();
  const template = readPageFile(root, route, 'wxml');
  if (template === null) throw new Error(`page ${route} has no .wxml file under ${root}`);
  const fields = instanceFields(definition);
  const id = sim.load({
    template,
    usingComponents: loadComponents(sim, root, route),
    data: cloneData(definition.data),
    methods: pageMethods(definition),
    lifetimes: {
      created(this: PageInstance) {
        Object.assign(this, fields, { route, options: query });
      },
    },
  });
  const component = sim.render(id);
  const parent = document.createElement('page-wrapper');
  document.body.appendChild(parent);
  component.attach(parent);
  return {
    route,
    query,
    instance: component.instance,
    dom: component.dom,
    async tap(selector) {
      const node = findTapTarget(component, selector);
      if (!node) throw new Error(`page ${route}: nothing matches ${selector}`);
      node.dispatchEvent('tap');
      // j-component dispatches on a microtask; let the handler run before returning.
      await sim.sleep(0);
    },
    find(selector) {
      return findTapTarget(component, selector)?.dom ?? undefined;
    },
    detach() {
      component.detach();
      parent.remove();
    },
  };
}
