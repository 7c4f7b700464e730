/**
 * Everything a browser-recorder test needs: an emulator with the real node SDK, a Fastify server that
 * mounts the recorder exactly as the admin server does (registerBrowserRecorder) and serves the Vite build
 * of the web app, a teacher session, and optionally a TCP relay in front that can cut connections.
 *
 * buildAdminServer cannot be loaded inside jest (its zip module pulls in ESM-only archiver), so here the
 * teacher session is a random cookie token checked by getTeacher; admin-server.test.ts covers the real
 * admin server process with its real login.
 * The emulator's pipeline runs for real.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerBrowserRecorder, type BrowserRecorderDeps } from '../../admin/server/browser-recorder';
import fastifyCookie from '@fastify/cookie';
import { startTestEmulator, type NodeApp, type TestEmulator } from '../emulator';
import { buildWebApp } from './web-build';
import { serveWebDir } from './static-files';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export interface RecorderHarness {
  emu: TestEmulator;
  cloud: NodeApp;
  readonly app: FastifyInstance;
  /** Where the recorder keeps its local cache of the streams (changes with restartServer({ freshDisk })). */
  readonly dataDir: string;
  /** The server's own address (changes when the server restarts). */
  readonly serverUrl: string;
  /** The address the browser uses: through the relay when there is one. */
  pageUrl: string;
  proxy: TcpProxy | undefined;
  teacher: { id: string; sessionToken: string };
  /**
   * Closes the server (files released, nothing finished) and starts a new one on the same data dir, or
   * with `freshDisk` on an empty one: another instance that never saw the recordings, with the same database.
   */
  restartServer(options?: { freshDisk?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  withProxy?: boolean;
  /** Build and serve the web app (default true); protocol-only tests skip it. */
  withPage?: boolean;
  recorder?: Partial<Pick<BrowserRecorderDeps, 'limits' | 'syncIntervalMs' | 'autoSealMs' | 'publisher'>>;
}

export const TEACHER_COOKIE = 'test_teacher_session';

export async function startRecorderHarness(options: HarnessOptions = {}): Promise<RecorderHarness> {
  const emu = await startTestEmulator();
  const cloud = emu.nodeApp();
  let dataDir = await mkdtemp(path.join(tmpdir(), 'dr-recorder-data-'));
  const webDir = options.withPage === false ? undefined : await buildWebApp();
  const teacher = {
    id: `teacher_${randomBytes(8).toString('hex')}`,
    sessionToken: randomBytes(24).toString('hex'),
  };
  const cookieSecret = randomBytes(32).toString('hex');
  const getTeacher = async (req: FastifyRequest) =>
    req.cookies[TEACHER_COOKIE] === teacher.sessionToken ? { teacherId: teacher.id } : null;
  const startServer = async () => {
    const app = Fastify();
    // One secret for the harness's life, so student cookies survive restartServer like a real restart.
    await app.register(fastifyCookie, { secret: cookieSecret });
    await registerBrowserRecorder(app, { cloud, dataDir, getTeacher, ...options.recorder });
    if (webDir) serveWebDir(app, webDir);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, port: (app.server.address() as { port: number }).port };
  };
  let server = await startServer();
  const proxy = options.withProxy ? await startTcpProxy(server.port) : undefined;
  return {
    emu,
    cloud,
    get app() {
      return server.app;
    },
    get dataDir() {
      return dataDir;
    },
    get serverUrl() {
      return `http://127.0.0.1:${server.port}`;
    },
    pageUrl: `http://127.0.0.1:${proxy ? proxy.port : server.port}`,
    proxy,
    teacher,
    restartServer: async ({ freshDisk = false } = {}) => {
      await server.app.close();
      if (freshDisk) {
        await rm(dataDir, { recursive: true, force: true });
        dataDir = await mkdtemp(path.join(tmpdir(), 'dr-recorder-data-'));
      }
      server = await startServer();
    },
    close: async () => {
      await proxy?.close();
      await server.app.close();
      await emu.stop();
      await rm(dataDir, { recursive: true, force: true });
      if (webDir) await rm(webDir, { recursive: true, force: true });
    },
  };
}
