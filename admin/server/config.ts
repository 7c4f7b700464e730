/**
 * Admin server settings from the environment. Cloud mode (real CloudBase) when TCB_ENV,
 * TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY are set and nothing points the SDK elsewhere;
 * otherwise local mode against the emulator at EMULATOR_URL.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface AdminConfig {
  mode: 'cloud' | 'local';
  host: string;
  port: number;
  dataDir: string;
  sessionSecret: string;
  shareSecret: string;
  secureCookies: boolean;
  /** ADMIN_TRUST_PROXY: the balancer's addresses/CIDRs, so req.ip is the client's. */
  trustProxy?: string;
  /** ADMIN_REQUEST_TIMEOUT_MS: the most one request (headers and body) may take to arrive. */
  requestTimeoutMs?: number;
  /** RECORDER_AUTO_SEAL_MS: audio per automatic cut of a browser recording (default 10 s). */
  recorderAutoSealMs?: number;
  /** Built SPA to serve (default admin/web/dist). */
  webDir?: string;
  /** Local mode only: the emulator to talk to. */
  emulatorUrl?: string;
  envId: string;
}

export const DEFAULT_ADMIN_PORT = 8080;
export const DEFAULT_EMULATOR_URL = 'http://127.0.0.1:9000';

function isCloudMode(env: NodeJS.ProcessEnv): boolean {
  const credentials = !!(env.TCB_ENV && env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY);
  return credentials && !env.TCB_CONTEXT_CNFG && !env.EMULATOR_URL;
}

/** Local mode keeps its secrets in the data dir so sessions and share links survive a restart. */
function localSecrets(dataDir: string): { sessionSecret: string; shareSecret: string } {
  const file = path.join(dataDir, 'admin-secrets.json');
  if (existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as { sessionSecret: string; shareSecret: string };
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    sessionSecret: randomBytes(32).toString('hex'),
    shareSecret: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

function requireEnv(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set in cloud mode (the same value on every instance)`);
  return value;
}

function secretsFor(mode: AdminConfig['mode'], env: NodeJS.ProcessEnv, dataDir: string) {
  // Local instances may share secrets too (several behind one balancer); else they keep their own.
  if (mode === 'local' && !(env.SESSION_SECRET && env.SHARE_SECRET)) return localSecrets(dataDir);
  return { sessionSecret: requireEnv(env, 'SESSION_SECRET'), shareSecret: requireEnv(env, 'SHARE_SECRET') };
}

function secureCookiesFor(mode: AdminConfig['mode'], env: NodeJS.ProcessEnv): boolean {
  return env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : mode === 'cloud';
}

/**
 * A comma-separated list of proxy addresses or CIDRs. "true" (trust every hop) is refused: anyone could
 * then pick their own address with X-Forwarded-For and walk around the per-address login limits.
 */
function parseTrustProxy(value: string | undefined): string | undefined {
  if (value === undefined || value === '' || value === 'false') return undefined;
  if (value === 'true') {
    throw new Error('ADMIN_TRUST_PROXY must list the proxy addresses or CIDRs (e.g. 10.0.0.0/8), not "true"');
  }
  return value;
}

function parseTimeout(value: string | undefined, name = 'ADMIN_REQUEST_TIMEOUT_MS'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100) throw new Error(`${name} must be an integer ≥ 100: ${value}`);
  return ms;
}

/** Local mode listens on loopback only; in the cloud the balancer needs every interface. */
function listenAddress(env: NodeJS.ProcessEnv, local: boolean): { host: string; port: number } {
  return {
    host: env.ADMIN_HOST ?? (local ? '127.0.0.1' : '0.0.0.0'),
    port: Number(env.ADMIN_PORT ?? DEFAULT_ADMIN_PORT),
  };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AdminConfig {
  const mode = isCloudMode(env) ? 'cloud' : 'local';
  const dataDir = path.resolve(env.ADMIN_DATA_DIR ?? env.DATA_DIR ?? '.data/admin');
  const local = mode === 'local';
  return {
    mode,
    ...listenAddress(env, local),
    dataDir,
    ...secretsFor(mode, env, dataDir),
    secureCookies: secureCookiesFor(mode, env),
    webDir: env.ADMIN_WEB_DIR,
    trustProxy: parseTrustProxy(env.ADMIN_TRUST_PROXY),
    requestTimeoutMs: parseTimeout(env.ADMIN_REQUEST_TIMEOUT_MS),
    recorderAutoSealMs: parseTimeout(env.RECORDER_AUTO_SEAL_MS, 'RECORDER_AUTO_SEAL_MS'),
    emulatorUrl: local ? (env.EMULATOR_URL ?? DEFAULT_EMULATOR_URL) : undefined,
    envId: env.TCB_ENV ?? env.ENV_ID ?? 'local-dev',
  };
}
