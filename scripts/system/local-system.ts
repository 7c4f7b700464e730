/**
 * The whole local system in one process tree: the CloudBase emulator (cloud functions run as its child
 * processes) and the admin server with the browser recorder, talking to it through @cloudbase/node-sdk.
 */
import { redactUrl } from '../../admin/server/http/log-redaction';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { CloudHandle } from '../../pipeline/cloud-handle';
import { buildAdminServer } from '../../admin/server/app';
import { connectCloud } from '../../admin/server/cloud-connect';
import { readConfig } from '../../admin/server/config';
import { nodeAppFor } from '../../harness/emulator';
import { createLogger } from '../../pipeline/log';
import { setupDatabase } from '../db-setup/setup-database';
import { assertPortFree } from './ports';
import { REPO_ROOT, WEB_DIST } from './web-build';

export interface LocalSystemOptions {
  dataDir: string;
  adminPort: number;
  emulatorPort: number;
  envId: string;
  host?: string;
  log: (line: string) => void;
}

export interface LocalSystem {
  adminUrl: string;
  emulator: RunningEmulator;
  cloud: CloudHandle;
  close(): Promise<void>;
}

const requestLog = createLogger('admin');

/** One readable line per admin request (static assets only at debug level). */
function logRequests(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    // Share tokens sit in URL paths: the log keeps only their first characters.
    const line = `${req.method} ${redactUrl(req.url.split('?')[0] ?? '')} ${reply.statusCode}`;
    const fields = { ms: Math.round(reply.elapsedTime) };
    if (req.url.startsWith('/assets/')) requestLog.debug(line, fields);
    else requestLog.info(line, fields);
  });
}

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const host = options.host ?? '127.0.0.1';
  await assertPortFree(options.emulatorPort, host, 'CloudBase emulator', 'EMULATOR_PORT');
  await assertPortFree(options.adminPort, host, 'admin server', 'PORT');
  const emulator = await startEmulator({
    dataDir: path.join(options.dataDir, 'emulator'),
    port: options.emulatorPort,
    host,
    envId: options.envId,
    functionsDir: path.join(REPO_ROOT, 'cloudfunctions'),
    log: options.log,
  });
  let admin: FastifyInstance | undefined;
  try {
    // `npm run db:setup` on every start: creates what is missing, leaves the rest alone.
    await setupDatabase(nodeAppFor(emulator.url, emulator.envId));
    const config = readConfig({
      ...process.env,
      EMULATOR_URL: emulator.url,
      ENV_ID: options.envId,
      ADMIN_DATA_DIR: path.join(options.dataDir, 'admin'),
    });
    const cloud = await connectCloud(config);
    admin = await buildAdminServer({ ...config, cloud, webDir: WEB_DIST, log: false });
    logRequests(admin);
    const adminUrl = await admin.listen({ host, port: options.adminPort });
    const opened = admin;
    return {
      adminUrl: adminUrl.replace('127.0.0.1', 'localhost'),
      emulator,
      cloud,
      close: async () => {
        await opened.close();
        await emulator.close();
      },
    };
  } catch (err) {
    await admin?.close();
    await emulator.close();
    throw err;
  }
}
