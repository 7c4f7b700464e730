/**
 * `npm start`: the whole system on this machine — emulator, cloud functions, admin server with the
 * browser recorder — with demo data on first start. Ctrl-C stops everything; data stays in DATA_DIR.
 */
import path from 'node:path';
import { privateUmask } from '../emulator/private-files';
import { createLogger } from '../pipeline/log';
import { ensureDemoRecording } from './system/demo-recording';
import { startLocalSystem, type LocalSystem } from './system/local-system';
import { portFrom, PortBusyError } from './system/ports';
import { seedDemo, type DemoSeed } from './system/seed-demo';
import { ensureWebBuilt } from './system/web-build';

const log = createLogger('start');

function banner(system: LocalSystem, seed: DemoSeed, dataDir: string): string {
  return [
    '',
    'durable-recorder is running',
    `  admin page        ${system.adminUrl}/`,
    `  browser recorder  ${system.adminUrl}/record`,
    `  CloudBase emulator ${system.emulator.url} (env ${system.emulator.envId})`,
    `  data              ${dataDir} (kept across restarts; delete it to start over)`,
    '',
    `  sign in as "${seed.username}" with password: ${seed.password}`,
    '',
    'Try first:',
    `  1. open ${system.adminUrl}/ and sign in; the demo recording waits under "${seed.assignment.title}"`,
    '  2. play it, score it, leave a comment, make a share link',
    `  3. record another through the simulated Mini Program:  EMULATOR_PORT=${system.emulator.port} PORT=${new URL(system.adminUrl).port} ENV_ID=${system.emulator.envId} npm run demo`,
    `  4. or record in the browser at ${system.adminUrl}/record`,
    '',
    'Ctrl-C stops everything.',
  ].join('\n');
}

async function main(): Promise<void> {
  // Everything npm start writes (database, recordings, secrets) is readable by this user only.
  privateUmask();
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const adminPort = portFrom(process.env.PORT, 8080, 'PORT');
  const emulatorPort = portFrom(process.env.EMULATOR_PORT, 3210, 'EMULATOR_PORT');
  ensureWebBuilt((line) => log.info(line));
  const system = await startLocalSystem({
    dataDir,
    adminPort,
    emulatorPort,
    envId: process.env.ENV_ID ?? 'local-dev',
    // Function instances print the pipeline's own one-line logs; the emulator's chatter is debug.
    log: (line) => (line.startsWith('[fn ') ? console.log(line) : log.debug(line)),
  });
  const stop = (signal: string) => {
    log.info(`${signal}: stopping`);
    system.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const seed = await seedDemo(system.cloud, dataDir);
  await ensureDemoRecording(
    system.cloud,
    { emulatorUrl: system.emulator.url, envId: system.emulator.envId, assignmentId: seed.assignment._id },
    (line) => log.info(line),
  );
  console.log(banner(system, seed, dataDir));
}

main().catch((err: unknown) => {
  if (err instanceof PortBusyError) console.error(`npm start: ${err.message}`);
  else console.error(err);
  process.exit(1);
});
