/**
 * `npm run demo [-- file.wav]`: records a WAV (default: generated speech) through the simulated Mini
 * Program into the system `npm start` is running, under the demo assignment, and prints its admin link.
 * EMULATOR_PORT, PORT and ENV_ID must match the running system; the emulator's access token is read from
 * its data dir (DATA_DIR, default .data), or give the whole EMULATOR_URL that `npm start` printed.
 */
import path from 'node:path';
import { nodeAppFor } from '../harness/emulator';
import { recordDemo } from './system/demo-recording';
import { portFrom } from './system/ports';
import { runningEmulatorUrl } from './system/running-emulator';
import { findDemoAssignment } from './system/seed-demo';

async function main(): Promise<void> {
  const emulatorUrl = runningEmulatorUrl();
  const adminUrl = `http://localhost:${portFrom(process.env.PORT, 8080, 'PORT')}`;
  const envId = process.env.ENV_ID ?? 'local-dev';
  const wavArg = process.argv[2];
  const assignment = await findDemoAssignment(nodeAppFor(emulatorUrl, envId)).catch((err: Error) => {
    throw new Error(`no running system at ${emulatorUrl} (start it with npm start): ${err.message}`);
  });
  if (!assignment) throw new Error('the demo assignment is missing: was this system started with npm start?');
  const result = await recordDemo(
    { emulatorUrl, envId, assignmentId: assignment._id },
    { wav: wavArg ? path.resolve(wavArg) : undefined, onProgress: (line) => console.log(`  ${line}`) },
  );
  console.log(`\n${result.outcome}`);
  console.log(`open it in the admin page: ${adminUrl}/#/recordings/${result.recordingId}`);
}

main().catch((err: unknown) => {
  console.error(`npm run demo: ${(err as Error).message}`);
  process.exit(1);
});
