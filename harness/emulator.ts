/**
 * A throwaway emulator for a test: its own temp DATA_DIR, a free port, and the real SDKs bound to it.
 *
 * Binding the node SDK per app (so several emulators can run in one jest worker): `tcb.init` takes
 * `serviceUrl` (used before TCB_CONTEXT_CNFG's URL) plus `secretId`/`secretKey`, so nothing about the
 * emulator's address lives in process.env. The one process-wide setting is TENCENTCLOUD=true, which
 * only skips the SDK's cloud-metadata probe and means the same for every emulator.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';
import { EmulatorClient } from '../emulator/client';
import { DUMMY_SECRET_ID, DUMMY_SECRET_KEY } from '../emulator/sdk-env';
import { setupDatabase } from '../scripts/db-setup/setup-database';

export type NodeApp = ReturnType<typeof tcb.init>;
export type NodeDb = ReturnType<NodeApp['database']>;

export interface TestEmulator {
  emulator: RunningEmulator;
  dataDir: string;
  url: string;
  envId: string;
  /** An @cloudbase/node-sdk app talking to this emulator only. */
  nodeApp(): NodeApp;
  client(): EmulatorClient;
  /** A stored file's bytes, read as the server SDK does (storage rules bind clients only). */
  readFile(fileID: string): Promise<Buffer>;
  /** Closes the emulator and starts a new one on the same DATA_DIR (new port). */
  restart(): Promise<void>;
  /** Closes the emulator and deletes its DATA_DIR. */
  stop(): Promise<void>;
}

export function nodeAppFor(url: string, envId: string): NodeApp {
  process.env.TENCENTCLOUD = 'true';
  return tcb.init({
    env: envId,
    serviceUrl: `${url}/admin`,
    secretId: DUMMY_SECRET_ID,
    secretKey: DUMMY_SECRET_KEY,
    timeout: 60000,
  });
}

/**
 * `npm run db:setup` against the new emulator: the collections its database config declares exist
 * before the test starts, as they do on a deployed environment (the emulator refuses any other).
 */
async function createCollections(emulator: RunningEmulator, settings: EmulatorOptions): Promise<void> {
  if (settings.databaseConfig === false) return;
  await setupDatabase(nodeAppFor(emulator.url, emulator.envId), settings.databaseConfig);
}

export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'emulator-test-')));
  // One access token for the handle's life: restart() keeps it, like a restarted server keeps its address.
  const accessToken = options.accessToken ?? randomBytes(24).toString('base64url');
  const settings: EmulatorOptions = { envId: 'test-env', ...options, dataDir, port: 0, accessToken };
  let emulator = await startEmulator(settings);
  await createCollections(emulator, settings);
  const handle: TestEmulator = {
    get emulator() {
      return emulator;
    },
    dataDir,
    get url() {
      return emulator.url;
    },
    get envId() {
      return emulator.envId;
    },
    nodeApp: () => nodeAppFor(emulator.url, emulator.envId),
    client: () => new EmulatorClient({ url: emulator.url, envId: emulator.envId }),
    readFile: async (fileID) =>
      (await nodeAppFor(emulator.url, emulator.envId).downloadFile({ fileID })).fileContent as Buffer,
    restart: async () => {
      await emulator.close();
      emulator = await startEmulator(settings);
    },
    stop: async () => {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}
