/** The emulator's HTTP server: routes each request to the wire protocol, object storage or client surface. */
import http from 'node:http';
import { newRequestId, toCloudErrorBody } from '../errors';
import type { Services } from '../services';
import { handleDownload, handleUpload } from '../storage/routes';
import { DOWNLOAD_PATH, UPLOAD_PATH } from '../storage/storage';
import { handleAdmin } from './admin-route';
import { handleClient, isClientRoute } from './client-routes';
import { sendJson } from './respond';
import { handleTimerFire, TIMER_FIRE_PATH } from './timer-route';

type Handler = (
  services: Services,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
) => Promise<void>;

interface Route {
  matches(method: string, pathname: string): boolean;
  handle: Handler;
}

const ROUTES: Route[] = [
  { matches: (m, p) => m === 'POST' && p === '/admin', handle: (s, req, res) => handleAdmin(s, req, res) },
  {
    matches: (m, p) => m === 'PUT' && p.startsWith(UPLOAD_PATH),
    handle: (s, req, res, url) => handleUpload(s.storage, req, res, url, s.bodyLimitBytes),
  },
  {
    matches: (m, p) => (m === 'GET' || m === 'HEAD') && p.startsWith(DOWNLOAD_PATH),
    handle: (s, req, res, url) => handleDownload(s.storage, req, res, url),
  },
  { matches: (_m, p) => isClientRoute(p), handle: handleClient },
  {
    matches: (m, p) => m === 'POST' && p === TIMER_FIRE_PATH,
    handle: (s, req, res) => handleTimerFire(s, req, res),
  },
  {
    matches: (m, p) => m === 'GET' && p === '/health',
    handle: async (s, _req, res) =>
      sendJson(res, 200, { ok: true, envId: s.envId, bodyBytesInFlight: s.bodyBudget.inFlight }),
  },
];

/** A refusal before the body is read: answered, then the connection is closed (its body never drained). */
function refuse(res: http.ServerResponse, status: number, code: string, message: string): void {
  res.shouldKeepAlive = false;
  sendJson(res, status, { code, message, requestId: newRequestId() });
}

async function route(services: Services, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const verdict = services.gate.check(req, url.pathname);
  if (!verdict.ok) return refuse(res, verdict.status, 'PERMISSION_DENIED', verdict.message);
  url.pathname = verdict.pathname;
  if (!services.bodyBudget.reserve(req, res)) {
    const message = 'too many large request bodies at once; try again shortly';
    return refuse(res, 503, 'RESOURCE_EXHAUSTED', message);
  }
  const method = req.method ?? 'GET';
  const match = ROUTES.find((r) => r.matches(method, url.pathname));
  if (match) return match.handle(services, req, res, url);
  req.resume();
  sendJson(res, 404, {
    code: 'INVALID_PARAM',
    message: `no route for ${method} ${url.pathname}`,
    requestId: newRequestId(),
  });
}

/**
 * The SDKs keep connections alive and reuse them after long pauses (a function encoding a minute of
 * audio is silent for seconds). Node's 5 s default would close such a socket just as the SDK reuses it,
 * which surfaces as ECONNRESET; CloudBase's gateway keeps them far longer, and so do we.
 */
const KEEP_ALIVE_MS = 120_000;

/** A slow client may take this long to send one whole request (a 64 MB upload over a slow link); default. */
const REQUEST_TIMEOUT_MS = 300_000;

function redactAccess(url: string): string {
  return url.replace(/^\/t\/[^/]+/, '/t/…');
}

export function createServer(services: Services, requestTimeoutMs = REQUEST_TIMEOUT_MS): http.Server {
  const options = { requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 5_000 };
  const server = http.createServer(options, (req, res) => {
    route(services, req, res).catch((err: unknown) => {
      services.log(`[http] ${req.method} ${redactAccess(req.url ?? '')} crashed: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, toCloudErrorBody(err, newRequestId()));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Headers must arrive within the whole request's limit too (Node wants headersTimeout ≤ requestTimeout).
  server.headersTimeout = Math.min(KEEP_ALIVE_MS + 1000, requestTimeoutMs);
  return server;
}
