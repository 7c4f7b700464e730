/**
 * What pipeline logic runs against: the real SDK object of its caller. Cloud functions pass
 * `wx-server-sdk` itself (after `cloud.init`); the admin server and browser recorder pass the
 * `@cloudbase/node-sdk` app from `tcb.init`. `openStores` turns either into the SDK-neutral stores.
 */
import type { CloudBase } from '@cloudbase/node-sdk/types';
import { sdkStores } from './store/sdk-store';
import type { SdkFileApi } from './store/sdk-shapes';
import type { Stores } from './store/types';

export type WxServerCloud = typeof import('wx-server-sdk');
export type NodeSdkApp = CloudBase;
export type CloudHandle = WxServerCloud | NodeSdkApp;

function isWxServerSdk(handle: CloudHandle): handle is WxServerCloud {
  // Only wx-server-sdk carries the WeChat caller context; node-sdk apps never do.
  return typeof (handle as Partial<WxServerCloud>).getWXContext === 'function';
}

export function openStores(handle: CloudHandle): Stores {
  const style = isWxServerSdk(handle) ? 'wrapped' : 'bare';
  return sdkStores(handle as unknown as SdkFileApi, style);
}
