/**
 * wx-server-sdk's typings give `init({ env })` only string forms, yet its docs (and its own
 * DYNAMIC_CURRENT_ENV, a symbol) say `env: cloud.DYNAMIC_CURRENT_ENV` is how a function binds to the
 * environment it runs in. This adds that documented overload.
 */
import 'wx-server-sdk';

declare module 'wx-server-sdk' {
  export function init(config: { env: symbol; traceUser?: boolean }): void;
}
