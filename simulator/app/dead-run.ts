/**
 * A killed process runs no more code, but in one JavaScript thread the app's code that was on the stack
 * when `kill()` ran (the simulator killed it between two statements) still finishes its current turn.
 * Its `wx` must then do nothing, as a dead process can do nothing: every call returns `undefined`, and
 * the API objects it hands out (FileSystemManager, RecorderManager, wx.cloud) are guarded the same way.
 * Data (results, Promises, ArrayBuffers) passes through untouched.
 */
export function guardDeadRun<T extends object>(target: T, isDead: () => boolean): T {
  const proxies = new WeakMap<object, object>();
  const targets = new WeakMap<object, object>();
  const isApiObject = (value: object): boolean =>
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.values(value).some((v) => typeof v === 'function');
  const wrap = (value: unknown, api: boolean): unknown => {
    const isFunction = typeof value === 'function';
    if (!isFunction && (typeof value !== 'object' || value === null || !(api || isApiObject(value))))
      return value;
    const existing = proxies.get(value);
    if (existing) return existing;
    const proxy = new Proxy(value, {
      get: (obj, key) => wrap(Reflect.get(obj, key) as unknown, false),
      apply: (fn, self: unknown, args) => {
        if (isDead()) return undefined;
        const realSelf = (typeof self === 'object' && self !== null && targets.get(self)) || self;
        return wrap(Reflect.apply(fn as (...a: unknown[]) => unknown, realSelf, args), false);
      },
    });
    proxies.set(value, proxy);
    targets.set(proxy, value);
    return proxy;
  };
  return wrap(target, true) as T;
}
