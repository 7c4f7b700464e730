/**
 * The emulator's front door. It holds a whole environment (password hashes, children's recordings), and
 * a laptop's browser can reach anything on loopback, so before any route runs:
 * - `Host` must name this server (loopback or the listen address, with our port): a DNS-rebinding page
 *   sends its own host name and is refused.
 * - `/admin`, `/client/*` and `/timers/fire` must come through the per-start access prefix `/t/<token>` that is part of
 *   `RunningEmulator.url` (and so of every URL the SDKs, the simulator and `npm start`'s parts are given).
 *   A page on another origin cannot know it. Storage URLs carry their own signature and need no prefix.
 * - Bodies the SDKs send as JSON must say `application/json`: a cross-origin `no-cors` POST can only send
 *   `text/plain`, form or multipart bodies.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import { TIMER_FIRE_PATH } from './timer-route';

export const ACCESS_PREFIX = '/t/';

export interface GateOptions {
  accessToken: string;
  /** The address the server listens on (`0.0.0.0` / `::` = every interface). */
  listenHost: string;
  port: () => number;
}

export type GateVerdict =
  { ok: true; pathname: string; authorized: boolean } | { ok: false; status: number; message: string };

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function localNames(listenHost: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (listenHost === '0.0.0.0' || listenHost === '::') {
    for (const list of Object.values(os.networkInterfaces()))
      for (const info of list ?? []) names.add(info.family === 'IPv6' ? `[${info.address}]` : info.address);
  } else {
    names.add(listenHost.includes(':') ? `[${listenHost}]` : listenHost);
  }
  return names;
}

export class Gate {
  private readonly names: Set<string>;

  constructor(private readonly options: GateOptions) {
    this.names = localNames(options.listenHost);
  }

  check(req: IncomingMessage, pathname: string): GateVerdict {
    if (!this.hostAllowed(req.headers.host)) {
      return {
        ok: false,
        status: 421,
        message: `this emulator does not serve host ${req.headers.host ?? '(none)'}`,
      };
    }
    const { path, authorized } = this.stripPrefix(pathname);
    if (needsToken(path) && !authorized) {
      return {
        ok: false,
        status: 401,
        message: `${path} needs the emulator's access URL (printed at start)`,
      };
    }
    if (needsJson(req, path) && !isJson(req.headers['content-type'])) {
      return { ok: false, status: 415, message: `${path} takes application/json bodies only` };
    }
    return { ok: true, pathname: path, authorized };
  }

  private hostAllowed(host: string | undefined): boolean {
    if (!host) return false;
    const colon = host.lastIndexOf(':');
    if (colon <= 0 || host.endsWith(']')) return false;
    const name = host.slice(0, colon).toLowerCase();
    return Number(host.slice(colon + 1)) === this.options.port() && this.names.has(name);
  }

  private stripPrefix(pathname: string): { path: string; authorized: boolean } {
    if (!pathname.startsWith(ACCESS_PREFIX)) return { path: pathname, authorized: false };
    const end = pathname.indexOf('/', ACCESS_PREFIX.length);
    const token = pathname.slice(ACCESS_PREFIX.length, end < 0 ? undefined : end);
    const rest = end < 0 ? '/' : pathname.slice(end);
    return { path: rest, authorized: sameToken(token, this.options.accessToken) };
  }
}

function needsToken(path: string): boolean {
  return path === '/admin' || path.startsWith('/client/') || path === TIMER_FIRE_PATH;
}

/** What the SDKs and EmulatorClient send as JSON: the wire protocol, every client call but uploads, timers. */
function needsJson(req: IncomingMessage, path: string): boolean {
  return req.method === 'POST' && needsToken(path) && path !== '/client/uploadFile';
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}
