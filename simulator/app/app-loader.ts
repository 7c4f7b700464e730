import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppError, ErrorCode } from '../../typings/errors';
import type { PageRegistry } from '../page/page-registry';

/** Runs a cold start's module loading in a fresh module registry. */
export type ModuleIsolator = (load: () => void) => void;

export interface AppJson {
  pages: string[];
}

export function readAppJson(root: string): AppJson {
  const file = path.join(root, 'app.json');
  if (!fs.existsSync(file)) throw new AppError(ErrorCode.INVALID_ARGUMENT, `no app.json in ${root}`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<AppJson>;
  if (!Array.isArray(json.pages) || json.pages.length === 0) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `${file} lists no pages`);
  }
  return { pages: json.pages };
}

/**
 * Outside jest: forget every cached module under the app root, so the next require runs them again.
 * Under jest pass `jest.isolateModules` instead (jest keeps its own module registry).
 */
export function requireCacheIsolator(root: string): ModuleIsolator {
  return (load) => {
    for (const key of Object.keys(require.cache)) {
      if (key.startsWith(root)) delete require.cache[key];
    }
    load();
  };
}

/** The mini program's own modules are TypeScript run through the test transform: load them by path. */
function loadModule(file: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading app code by path at run time
  require(file);
}

/**
 * A cold start as WeChat does it: app.js first (App()), then every page listed in app.json
 * (each registers itself with Page()), all inside one fresh module registry.
 */
export function loadAppModules(root: string, registry: PageRegistry, isolate: ModuleIsolator): AppJson {
  const appJson = readAppJson(root);
  isolate(() => {
    loadModule(path.join(root, 'app'));
    for (const route of appJson.pages) registry.loadAs(route, () => loadModule(path.join(root, route)));
  });
  return appJson;
}
