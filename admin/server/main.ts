/**
 * `tsx admin/server/main.ts`: runs the admin server from environment settings (see config.ts).
 * Local mode seeds a demo teacher and prints how to sign in.
 */
import { buildAdminServer } from './app';
import { connectCloud } from './cloud-connect';
import { readConfig } from './config';
import { seedDemoTeacher } from './teachers';

const SHUTDOWN_GRACE_MS = 5000;

async function main(): Promise<void> {
  // Secrets and the recorder's stream files: readable by this user only (files 0600, folders 0700).
  process.umask(0o077);
  const config = readConfig();
  const cloud = await connectCloud(config);
  // Seed before listening, so the teacher can sign in as soon as the address is printed.
  const demo = config.mode === 'local' ? await seedDemoTeacher(cloud) : undefined;
  const app = await buildAdminServer({ cloud, ...config, log: true });
  const address = await app.listen({ host: config.host, port: config.port });
  if (demo) console.log(`sign in as "${demo.username}" with password: ${demo.password}`);
  console.log(`admin server (${config.mode} mode) on ${address}`);
  const stop = () => {
    // Drain in-flight requests, but never wait on a connection that sends nothing (it would hold
    // the process until Node's 60 s header timeout).
    setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
