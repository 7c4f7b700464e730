/** The `@cloudbase/node-sdk` app for a config: real CloudBase, or the same SDK pointed at the emulator. */
import tcb from '@cloudbase/node-sdk';
import type { CloudHandle } from '../../pipeline/cloud-handle';
import type { AdminConfig } from './config';

export async function connectCloud(
  config: AdminConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CloudHandle> {
  if (config.mode === 'cloud') {
    return tcb.init({
      env: config.envId,
      secretId: env.TENCENTCLOUD_SECRETID,
      secretKey: env.TENCENTCLOUD_SECRETKEY,
    });
  }
  // Local mode: the same SDK, sent to the emulator with its dummy key pair (see emulator/sdk-env.ts).
  // TENCENTCLOUD=true only skips the SDK's cloud-metadata probe, which would stall every call offline.
  const { DUMMY_SECRET_ID, DUMMY_SECRET_KEY } = await import('../../emulator/sdk-env');
  env.TENCENTCLOUD = 'true';
  return tcb.init({
    env: config.envId,
    serviceUrl: `${config.emulatorUrl}/admin`,
    secretId: DUMMY_SECRET_ID,
    secretKey: DUMMY_SECRET_KEY,
    timeout: 60000,
  });
}
