/**
 * One test file's world: a fresh emulator, the admin server process bound to it, an in-process node-sdk
 * app for seeding, and teachers created through the real account code.
 */
import { createTeacher } from '../../../admin/server/teachers';
import { startTestEmulator, type NodeApp, type TestEmulator } from '../../../harness/emulator';
import { startAdminProcess, type AdminProcess } from '../../../harness/admin/admin-process';
import { AdminClient } from '../../../harness/admin/http-client';

export interface AdminFixture {
  emulator: TestEmulator;
  server: AdminProcess;
  app: NodeApp;
  url: string;
  /** Creates a teacher and returns a client signed in as them. */
  teacher(username: string, password?: string): Promise<{ client: AdminClient; teacherId: string }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery';

export async function startAdminFixture(options: { webDir?: string } = {}): Promise<AdminFixture> {
  const emulator = await startTestEmulator();
  const app = emulator.nodeApp();
  let server: AdminProcess;
  try {
    server = await startAdminProcess({
      emulatorUrl: emulator.url,
      envId: emulator.envId,
      webDir: options.webDir,
    });
  } catch (err) {
    await emulator.stop();
    throw err;
  }
  return {
    emulator,
    server,
    app,
    url: server.url,
    async teacher(username, password = TEST_PASSWORD) {
      const doc = await createTeacher(app, { username, password });
      const client = new AdminClient(server.url);
      const result = await client.login(username, password);
      if (!result.body.ok) throw new Error(`login failed: ${result.body.error.message}`);
      return { client, teacherId: doc._id };
    },
    async close() {
      await server.close();
      await emulator.stop();
    },
  };
}
