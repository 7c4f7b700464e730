/**
 * A local CloudBase: the wire protocol of `POST /admin` (documents, storage, functions) that the real
 * wx-server-sdk and @cloudbase/node-sdk speak, object-storage URLs, and the `/client/*` surface that
 * stands in for `wx.cloud`. A dev and test tool: production code never imports it.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CollectionRegistry } from './db/collections';
import { DocumentStore } from './db/store';
import { Transactions } from './db/transactions';
import { mergePlans, planFromDatabaseConfig, planFromFields } from './db/index-plan';
import { FunctionRegistry } from './functions/registry';
import { FunctionSettingsTable } from './functions/settings';
import { accessUrl, checkedToken, newAccessToken, writeAccessToken } from './access';
import { BodyBudget } from './http/body-budget';
import { Gate } from './http/gate';
import { createServer } from './http/server';
import { makePrivateDir } from './private-files';
import { sdkEnvFor } from './sdk-env';
import { rulesFromDatabaseConfig } from './storage/rules';
import { Storage } from './storage/storage';
import type { Services } from './services';

export { EmulatorClient, EmulatorClientError } from './client';
export { sdkEnvFor, sdkEnvVariables } from './sdk-env';
export { accessUrl, readAccessToken } from './access';

export interface EmulatorOptions {
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  envId?: string;
  /** Default: `<repo>/cloudfunctions`. */
  functionsDir?: string;
  /** `source` runs `<name>/index.ts` through tsx; `bundle` runs the built `<name>/index.js`. */
  functionMode?: 'source' | 'bundle';
  /**
   * Function settings in the CloudBase CLI's format (default `<repo>/cloudbaserc.json`; false: none, so
   * every function gets the platform defaults of 3 s and 256 MB).
   */
  functionSettings?: string | false;
  /** Replaces every function's timeout (tests of the time limit only). */
  functionTimeoutMs?: number;
  bodyLimitBytes?: number;
  maxInstancesPerFunction?: number;
  /** Idle instances older than this are stopped. */
  functionIdleMs?: number;
  /**
   * CloudBase refuses a collection nobody created (-502005); so does the emulator unless this is true
   * (only for tests of query semantics on scratch collections). Create them with `npm run db:setup`.
   */
  autoCreateCollections?: boolean;
  /** Extra indexes: collection name (or `*` for all) → fields; each one answers equality and sorts on its field. */
  indexes?: Record<string, string[]>;
  /** Indexes as declared for the console (`{collections: {name: {indexes}}}`); default `<repo>/database/collections.json`, false for none. */
  databaseConfig?: string | false;
  log?: (line: string) => void;
  /**
   * The access token (http/gate.ts), `[A-Za-z0-9_-]{16,}`; default a new random one. A harness that
   * restarts the emulator under clients that must keep working passes the same one again.
   */
  accessToken?: string;
  /** Body bytes all requests may hold at once (default 256 MiB); past it a request is refused with 503. */
  maxConcurrentBodyBytes?: number;
  /** The most a client may take to send one whole request, headers and body (default 300 s); then 408 and hang-up. */
  requestTimeoutMs?: number;
}

export interface RunningEmulator {
  /**
   * The address to use for everything, `http://HOST:PORT/t/<access token>`: `/admin` and `/client/*`
   * answer only under it (http/gate.ts). A new token every start.
   */
  url: string;
  /** `http://HOST:PORT` without the token: enough for `/health` and signed storage URLs only. */
  origin: string;
  accessToken: string;
  port: number;
  envId: string;
  /** Environment variables that point the real SDKs at this emulator (see emulator/README.md). */
  sdkEnv: Record<string, string>;
  close(): Promise<void>;
}

export const DEFAULT_ENV_ID = 'local-dev';
const ENV_ID = /^[a-z0-9_-]{1,40}$/;

function databaseConfigOf(options: EmulatorOptions): string | false {
  return options.databaseConfig ?? path.join(__dirname, '..', 'database', 'collections.json');
}

function indexPlan(options: EmulatorOptions) {
  const declared = databaseConfigOf(options);
  const fromConfig = declared === false ? {} : planFromDatabaseConfig(declared);
  return mergePlans(fromConfig, planFromFields(options.indexes ?? {}));
}

/** Child processes get the parent's environment minus any CloudBase identity, plus the emulator's. */
function functionEnv(sdkEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(WX_|TCB_|TENCENTCLOUD|SCF_)/.test(key)) env[key] = value;
  }
  return { ...env, ...sdkEnv };
}

interface ServiceRef {
  url: string;
  /** Without the access token: signed storage URLs are handed to end users and must not carry it. */
  origin: string;
  port: number;
  env: NodeJS.ProcessEnv;
  accessToken: string;
  host: string;
}

function buildServices(options: EmulatorOptions, envId: string, dataDir: string, ref: ServiceRef): Services {
  const bodyLimitBytes = options.bodyLimitBytes ?? 64 * 1024 * 1024;
  const log = options.log ?? (() => undefined);
  const settingsFile = options.functionSettings ?? path.join(__dirname, '..', 'cloudbaserc.json');
  const settings = new FunctionSettingsTable(settingsFile, options.functionTimeoutMs);
  const store = new DocumentStore(dataDir, indexPlan(options), log);
  return {
    envId,
    store,
    collections: new CollectionRegistry(path.join(dataDir, 'db')),
    autoCreateCollections: options.autoCreateCollections ?? false,
    transactions: new Transactions(store),
    storage: new Storage({
      dataDir,
      envId,
      bucket: `${envId}-1250000000`,
      baseUrl: () => ref.origin,
      rules: rulesFromDatabaseConfig(databaseConfigOf(options)),
    }),
    functions: new FunctionRegistry({
      functionsDir: path.resolve(options.functionsDir ?? path.join(__dirname, '..', 'cloudfunctions')),
      mode: options.functionMode ?? 'source',
      env: ref.env,
      maxInstances: options.maxInstancesPerFunction ?? 4,
      idleMs: options.functionIdleMs ?? 5 * 60 * 1000,
      // Loading a module (a cold start) has a limit of its own, not the function's timeout.
      startTimeoutMs: 60000,
      settings,
      log,
    }),
    bodyLimitBytes,
    gate: new Gate({ accessToken: ref.accessToken, listenHost: ref.host, port: () => ref.port }),
    bodyBudget: new BodyBudget(options.maxConcurrentBodyBytes ?? 256 * 1024 * 1024, bodyLimitBytes),
    log,
  };
}

/** Clients connect to loopback when the server listens on every interface. */
function publicHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const envId = options.envId ?? DEFAULT_ENV_ID;
  if (!ENV_ID.test(envId)) throw new Error(`envId must match ${ENV_ID} (CloudBase env id rules): ${envId}`);
  const dataDir = path.resolve(options.dataDir);
  makePrivateDir(dataDir);
  const host = options.host ?? '127.0.0.1';
  // Filled in once the port is known; storage URLs and function processes read it from here.
  const ref: ServiceRef = {
    url: '',
    origin: '',
    port: 0,
    env: {},
    accessToken: checkedToken(options.accessToken) ?? newAccessToken(),
    host,
  };
  const services = buildServices(options, envId, dataDir, ref);
  // Load the documents before listening, so data that breaks a declared index stops the start here
  // (and a failed start leaves nothing still writing into the data dir).
  const loaded = await Promise.allSettled([services.store.ready(), services.storage.owners.ready()]);
  const failed = loaded.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await services.store.close();
    throw failed.reason;
  }
  const server = createServer(services, options.requestTimeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${publicHost(host)}:${port}`;
  ref.port = port;
  ref.origin = origin;
  ref.url = accessUrl(origin, ref.accessToken);
  writeAccessToken(dataDir, ref.accessToken);
  Object.assign(ref.env, functionEnv(sdkEnvFor(ref.url, envId)));
  return {
    url: ref.url,
    origin,
    accessToken: ref.accessToken,
    port,
    envId,
    sdkEnv: sdkEnvFor(ref.url, envId),
    close: async () => {
      services.functions.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.store.close();
      await services.storage.owners.ready().catch(() => undefined);
    },
  };
}
