/**
 * `npm run timer -- <function>`: fires that cloud function's timer trigger (its config.json) now on the
 * running emulator (EMULATOR_URL, or EMULATOR_PORT on this machine, default 3210; ENV_ID, default local-dev), and prints
 * what the function returned. CloudBase fires timers by its own clock; the emulator only on demand.
 * Example: `npm run timer -- purgeRecordings` runs retention and the cleanup sweep.
 */
import { DEFAULT_ENV_ID, EmulatorClient } from '../emulator';

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) {
    console.error('usage: npm run timer -- <function name>   (e.g. purgeRecordings)');
    process.exit(2);
  }
  const client = new EmulatorClient({
    url: process.env.EMULATOR_URL || `http://127.0.0.1:${process.env.EMULATOR_PORT || 3210}`,
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
