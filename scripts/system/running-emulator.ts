/**
 * The URL of an emulator already running on this machine, for local tools (`npm run demo`, `npm run timer`):
 * EMULATOR_URL when given (the whole access URL the emulator printed), else 127.0.0.1:EMULATOR_PORT with
 * the access token it wrote into its data dir — `<DATA_DIR>/emulator` under `npm start`, `<DATA_DIR>`
 * under `npm run emulator`.
 */
import path from 'node:path';
import { accessUrl, readAccessToken } from '../../emulator';
import { portFrom } from './ports';

export function runningEmulatorUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.EMULATOR_URL) return env.EMULATOR_URL;
  const origin = `http://127.0.0.1:${portFrom(env.EMULATOR_PORT, 3210, 'EMULATOR_PORT')}`;
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  for (const dir of [path.join(dataDir, 'emulator'), dataDir]) {
    try {
      return accessUrl(origin, readAccessToken(dir));
    } catch {
      // not this layout: try the next
    }
  }
  throw new Error(
    `no emulator access token in ${dataDir}/emulator or ${dataDir}: is the emulator running with this DATA_DIR? (or set EMULATOR_URL to the URL it printed)`,
  );
}
