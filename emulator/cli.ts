/**
 * `npm run emulator`: starts the emulator on EMULATOR_PORT (default 3210) with data in DATA_DIR
 * (default ./.data) for env ENV_ID (default local-dev), and prints the environment that points the
 * real SDKs at it. FUNCTIONS_DIR and FUNCTION_MODE (source | bundle) choose the cloud functions.
 * Collections must be created first (`npm run db:setup`), as on CloudBase; AUTO_CREATE_COLLECTIONS=true
 * makes any collection come into being on first use (scratch tests only).
 */
import path from 'node:path';
import { DEFAULT_ENV_ID, startEmulator } from './index';
import { privateUmask } from './private-files';
import { sdkEnvVariables } from './sdk-env';

const DEFAULT_PORT = 3210;

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function portFromEnv(): number {
  const raw = process.env.EMULATOR_PORT;
  const port = raw === undefined || raw === '' ? DEFAULT_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`EMULATOR_PORT must be a port number (0-65535), got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  privateUmask();
  const port = portFromEnv();
  const dataDir = path.resolve(process.env.DATA_DIR || '.data');
  const mode = process.env.FUNCTION_MODE === 'bundle' ? 'bundle' : 'source';
  const emulator = await startEmulator({
    dataDir,
    port,
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    envId: process.env.ENV_ID || DEFAULT_ENV_ID,
    functionsDir: process.env.FUNCTIONS_DIR ? path.resolve(process.env.FUNCTIONS_DIR) : undefined,
    functionMode: mode,
    autoCreateCollections: process.env.AUTO_CREATE_COLLECTIONS === 'true',
    // Unset: a new token every start. A harness restarting it under live clients passes the same one.
    accessToken: process.env.EMULATOR_ACCESS_TOKEN,
    log: (line) => console.error(line),
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      console.error(
        `Port ${port} is already in use. Stop whatever listens there, or pick another: EMULATOR_PORT=<port> npm run emulator`,
      );
      process.exit(1);
    }
    throw err;
  });
  console.log(
    `CloudBase emulator listening on ${emulator.url} (env ${emulator.envId}, data in ${dataDir}, functions: ${mode})`,
  );
  console.log('# Create the collections (CloudBase refuses undeclared ones): npm run db:setup');
  console.log(
    '# /admin and /client/* answer only under that URL: its /t/<token> part is new at every start.',
  );
  console.log('# Point wx-server-sdk / @cloudbase/node-sdk at it by exporting:');
  for (const variable of sdkEnvVariables(emulator.url, emulator.envId)) {
    console.log(`export ${variable.name}=${shellQuote(variable.value)}  # ${variable.reason}`);
  }
  const stop = () => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
