/**
 * A recorder server in its own process, so the benchmark can kill -9 it mid-stream. Mounts
 * registerBrowserRecorder like the admin server, against the emulator at EMULATOR_URL; prints
 * "PORT <n>" once listening. A request with cookie test_teacher_session=TEACHER_TOKEN is the teacher.
 * AUTO_SEAL_MS (optional) sets the automatic cut.
 */
import Fastify from 'fastify';
import { registerBrowserRecorder } from '../../admin/server/browser-recorder';
import fastifyCookie from '@fastify/cookie';
import { nodeAppFor } from '../emulator';
import { TEACHER_COOKIE } from './recorder-harness';

async function main(): Promise<void> {
  const { DATA_DIR, EMULATOR_URL, ENV_ID, TEACHER_TOKEN, AUTO_SEAL_MS } = process.env;
  if (!DATA_DIR || !EMULATOR_URL || !ENV_ID || !TEACHER_TOKEN)
    throw new Error('DATA_DIR, EMULATOR_URL, ENV_ID, TEACHER_TOKEN');
  const app = Fastify();
  await app.register(fastifyCookie, { secret: TEACHER_TOKEN });
  await registerBrowserRecorder(app, {
    cloud: nodeAppFor(EMULATOR_URL, ENV_ID),
    dataDir: DATA_DIR,
    ...(AUTO_SEAL_MS ? { autoSealMs: Number(AUTO_SEAL_MS) } : {}),
    getTeacher: async (req) =>
      req.cookies[TEACHER_COOKIE] === TEACHER_TOKEN ? { teacherId: 'bench_teacher' } : null,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`PORT ${(app.server.address() as { port: number }).port}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
