/**
 * The browser recorder's server side, mounted on the admin server: HTTP routes for identity and tickets,
 * and the WebSocket at RECORDER_SOCKET_PATH that streams PCM (and WebM) into durable files and through
 * the segment pipeline.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WebSocketServer } from 'ws';
import { createLogger } from '../../../pipeline/log';
import type { CloudHandle } from '../../../pipeline/cloud-handle';
import { getAssignment } from '../../../pipeline/profiles';
import { RECORDER_CLOSE, RECORDER_SOCKET_PATH, type ServerMessage } from '../../../typings/browser-recorder';
import { AppError, ErrorCode } from '../../../typings/errors';
import { PipelinePublisher, type RecordingPublisher } from './publisher';
import { RecorderConnection, type ConnectionDeps } from './recorder-connection';
import { registerRecorderRoutes } from './recorder-routes';
import { RecordingMetaStore } from './recording-meta';
import { SessionRegistry, type RecorderLimits } from './session-registry';
import { openStores } from '../../../pipeline/cloud-handle';
import { TicketBook, type RecorderIdentity } from './web-identity';

export interface BrowserRecorderDeps {
  cloud: CloudHandle;
  /** Where stream files (`{connectionId}-{timestamp}.pcm|.webm`) and their meta live. */
  dataDir: string;
  getTeacher(req: FastifyRequest): Promise<{ teacherId: string } | null>;
  /** Sets `Secure` on the student cookie (SECURE_COOKIES). The cookie is signed by @fastify/cookie's secret. */
  secureCookies?: boolean;
  limits?: Partial<RecorderLimits>;
  /** How often the local cache of the streams is fsync'd. */
  syncIntervalMs?: number;
  /**
   * Audio per automatic cut (default 10 s): each cut goes to cloud storage, so this is the most audio
   * that is ever only on one instance (and still held by the page).
   */
  autoSealMs?: number;
  /** Replaces the pipeline, e.g. for a benchmark that measures only the stream. */
  publisher?: RecordingPublisher;
}

export const DEFAULT_RECORDER_LIMITS: RecorderLimits = {
  maxDurationMs: 30 * 60_000,
  maxBytes: 512 * 1024 * 1024,
  resumeWindowMs: 60_000,
  maxOpenPerOwner: 2,
  maxOpenPerAssignment: 200,
  // 4 Mbit/s: above what Chrome's MediaRecorder uses by default for camera video (2.5 Mbit/s).
  videoBytesPerSecond: 500_000,
};

/** Why 10 s: see README ("Automatic cuts"). */
export const DEFAULT_AUTO_SEAL_MS = 10_000;

const log = createLogger('browser-recorder');
const logError = (msg: string, err?: unknown) =>
  log.error(msg, { err: err instanceof Error ? err.message : err });

async function assignmentLimit(
  cloud: CloudHandle,
  identity: RecorderIdentity,
  assignmentId: string | undefined,
) {
  if (!assignmentId) {
    if (identity.role === 'student')
      throw new AppError(ErrorCode.FORBIDDEN, 'students record for an assignment');
    return {};
  }
  const assignment = await getAssignment(cloud, identity.ownerId, { assignmentId });
  return assignment.maxDurationSec > 0 ? { maxDurationMs: assignment.maxDurationSec * 1000 } : {};
}

function refuse(ws: import('ws').WebSocket): void {
  const msg: ServerMessage = {
    type: 'error',
    code: ErrorCode.UNAUTHENTICATED,
    message: 'this socket has no valid ticket: reload the page or sign in again',
    fatal: true,
  };
  ws.send(JSON.stringify(msg));
  ws.close(RECORDER_CLOSE.unauthenticated, ErrorCode.UNAUTHENTICATED);
}

export async function registerBrowserRecorder(
  app: FastifyInstance,
  deps: BrowserRecorderDeps,
): Promise<void> {
  await mkdir(deps.dataDir, { recursive: true });
  const { db } = openStores(deps.cloud);
  const store = new RecordingMetaStore(db, deps.dataDir, `admin_${randomBytes(9).toString('base64url')}`);
  const limits = { ...DEFAULT_RECORDER_LIMITS, ...deps.limits };
  const publisher = deps.publisher ?? new PipelinePublisher(deps.cloud, deps.dataDir);
  const sessionDeps = {
    store,
    publisher,
    syncIntervalMs: deps.syncIntervalMs ?? 500,
    autoSealMs: deps.autoSealMs ?? DEFAULT_AUTO_SEAL_MS,
    log: logError,
  };
  const registry = new SessionRegistry(sessionDeps, limits);
  if (!app.hasRequestDecorator('unsignCookie')) {
    throw new Error(
      'register @fastify/cookie with a secret before the browser recorder (it signs student cookies)',
    );
  }
  const tickets = new TicketBook(db, 60_000);
  const connectionDeps: ConnectionDeps = {
    registry,
    checkAssignment: (identity, assignmentId) => assignmentLimit(deps.cloud, identity, assignmentId),
    log: logError,
  };
  registerRecorderRoutes(app, {
    cloud: deps.cloud,
    tickets,
    getTeacher: deps.getTeacher,
    secureCookies: !!deps.secureCookies,
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  // The ticket is redeemed before the handshake is answered: the client cannot send a frame until then,
  // so nothing arrives before the connection's handlers are in place.
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://recorder.invalid');
    if (url.pathname !== RECORDER_SOCKET_PATH) return;
    const redeemed = tickets.redeem(url.searchParams.get('ticket')).catch((err: unknown) => {
      logError('ticket lookup failed', err);
      return undefined;
    });
    void redeemed.then((identity) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!identity) return refuse(ws);
        new RecorderConnection(ws, identity, connectionDeps);
      }),
    );
  };
  app.server.on('upgrade', onUpgrade);
  app.addHook('onReady', async () => {
    await registry.startHousekeeping();
  });
  // Upgraded sockets keep the HTTP server from closing, so they go before it does.
  app.addHook('preClose', async () => {
    app.server.off('upgrade', onUpgrade);
    for (const client of wss.clients) client.terminate();
    wss.close();
  });
  app.addHook('onClose', async () => {
    await registry.close();
  });
}
