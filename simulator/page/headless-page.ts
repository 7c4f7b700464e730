import {
  cloneData,
  instanceFields,
  pageMethods,
  tapEvent,
  type PageHandle,
  type PageInstance,
} from './page-handle';
import type { PageOptions } from './page-registry';
import { applySetData } from './set-data';

/** A page without rendering: the logic layer only, for node tests and the demo script. */
export function createHeadlessPage(
  route: string,
  query: Record<string, string>,
  definition: PageOptions,
  defer: (fn: () => void) => void,
): PageHandle {
  const instance = {
    ...instanceFields(definition),
    ...pageMethods(definition),
    data: cloneData(definition.data),
    route,
    options: query,
  } as PageInstance;
  instance.setData = (patch, callback) => {
    applySetData(instance.data, patch);
    if (callback) defer(callback);
  };
  return {
    route,
    query,
    instance,
    async tap(handlerName, dataset) {
      const handler = instance[handlerName];
      if (typeof handler !== 'function') throw new Error(`page ${route} has no handler "${handlerName}"`);
      await handler.call(instance, tapEvent(dataset));
    },
    find: () => undefined,
    detach: () => undefined,
  };
}
