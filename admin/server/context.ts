/** What every admin route needs: the SDK handle, secrets and clock. Decorated on the Fastify instance. */
import { openStores, type CloudHandle } from '../../pipeline/cloud-handle';
import type { Stores } from '../../pipeline/store/types';

export interface AdminServerOptions {
  /** An `@cloudbase/node-sdk` app (or anything with the same shape). */
  cloud: CloudHandle;
  /** Keys the session-token hashes stored in the db; same value on every instance behind a balancer. */
  sessionSecret: string;
  /** Signs share links; same value on every instance. */
  shareSecret: string;
  /** Where the browser recorder keeps its stream files. */
  dataDir: string;
  /** Built SPA (`vite build` output). Defaults to admin/web/dist. */
  webDir?: string;
  /** Set the `Secure` flag on cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* only from these proxy addresses/CIDRs (comma-separated); off by default. */
  trustProxy?: string;
  /** The most a client may take to send one whole request, headers and body (default 30 s). */
  requestTimeoutMs?: number;
  /** Audio per automatic cut of a browser recording (default 10 s). */
  recorderAutoSealMs?: number;
  /** Fastify logger setting. */
  log?: boolean;
  /** Clock, injectable so expiry can be tested without sleeping. */
  now?: () => number;
}

export interface AdminContext {
  cloud: CloudHandle;
  /** SDK-neutral db and file access over `cloud` (pipeline/store). */
  stores: Stores;
  sessionSecret: string;
  shareSecret: string;
  secureCookies: boolean;
  now: () => number;
}

declare module 'fastify' {
  interface FastifyInstance {
    admin: AdminContext;
  }
}

export function toContext(options: AdminServerOptions): AdminContext {
  if (!options.sessionSecret || options.sessionSecret.length < 16) {
    throw new Error('sessionSecret must be at least 16 characters');
  }
  if (!options.shareSecret || options.shareSecret.length < 16) {
    throw new Error('shareSecret must be at least 16 characters');
  }
  return {
    cloud: options.cloud,
    stores: openStores(options.cloud),
    sessionSecret: options.sessionSecret,
    shareSecret: options.shareSecret,
    secureCookies: options.secureCookies ?? false,
    now: options.now ?? Date.now,
  };
}
