/**
 * `tsx harness/admin/route-table.ts`: prints (as JSON) every route the real admin server registers, so a
 * test can walk them. Runs outside jest because the admin server loads ESM-only modules (archiver).
 * It builds the server against a CloudHandle that is never called: registering routes needs no database.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildAdminServer } from '../../admin/server/app';
import type { CloudHandle } from '../../pipeline/cloud-handle';
import { nodeAppFor } from '../emulator';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'route-table-'));
  const webDir = path.join(dataDir, 'web');
  await mkdir(webDir);
  await writeFile(path.join(webDir, 'index.html'), '<!doctype html>');
  // Never contacted: an unused port on loopback.
  const cloud: CloudHandle = nodeAppFor('http://127.0.0.1:9', 'route-table');
  const app = await buildAdminServer({
    cloud,
    dataDir,
    webDir,
    sessionSecret: 'route-table-session-secret',
    shareSecret: 'route-table-share-secret',
  });
  console.log(JSON.stringify(app.routeList));
  await rm(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
