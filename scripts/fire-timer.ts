/**
 * `npm run timer -- <function>`: fires that cloud function's timer trigger (its config.json) now on the
 * running emulator, and prints what the function returned. The emulator is EMULATOR_URL (the access URL
 * it printed), or EMULATOR_PORT on this machine (default 3210) with the access token from its data dir
 * (DATA_DIR, default .data); ENV_ID defaults to local-dev. CloudBase fires timers by its own clock; the emulator only on demand.
 * Example: `npm run timer -- purgeRecordings` runs retention and the cleanup sweep.
 */
import { DEFAULT_ENV_ID, EmulatorClient } from '../emulator';
import { runningEmulatorUrl } from './system/running-emulator';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: npm run timer -- <function name>   (e.g. purgeRecordings)');
    process.exit(2);
  }
  const client = new EmulatorClient({
    url: runningEmulatorUrl(),
    envId: process.env.ENV_ID || DEFAULT_ENV_ID,
  });
  const fired = await client.fireTimer(name);
  console.log(`${name}/${fired.trigger.name} (${fired.trigger.cron}) fired:`);
  console.log(JSON.stringify(fired.result, null, 2));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
