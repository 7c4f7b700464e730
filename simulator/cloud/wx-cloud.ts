import * as path from 'node:path';
import type { ApiContext, WxAsyncFn } from '../core/api-context';
import { runWxAsync, type CallbackOptions } from '../core/callback-api';
import type { NetworkState } from '../core/network-state';
import { toApiError } from '../core/wx-result';
import type { VirtualFs } from '../fs/virtual-fs';
import type { CloudBackend } from './cloud-backend';
import { cloudFailure } from './cloud-failure';
import type { CloudApi, CloudFaults } from './cloud-faults';
import { deliver, type DeliveryTrace, type Send } from './delivery';

/** Which emulator wx.cloud talks to, and as whom. */
export interface CloudBinding {
  backend: CloudBackend;
  envId: string;
  openid: string;
  appid?: string;
}

export interface WxCloudDeps {
  binding: () => CloudBinding | null;
  network: NetworkState;
  faults: CloudFaults;
  vfs: VirtualFs;
}

function envOf(env: unknown): string | undefined {
  if (typeof env === 'string') return env;
  if (env && typeof env === 'object') return (env as { functions?: string }).functions;
  return undefined;
}

/** wx.cloud for one app run: init, then uploadFile/callFunction/getTempFileURL/downloadFile/deleteFile. */
export function createWxCloud(ctx: ApiContext, deps: WxCloudDeps) {
  let initialized = false;

  const ready = (): CloudBinding => {
    const binding = deps.binding();
    if (!initialized) throw cloudFailure(-1, 'please call wx.cloud.init() first');
    if (!binding)
      throw cloudFailure(-501005, 'the simulator has no cloud bound (createWxSimulator({ cloud }))');
    if (!deps.network.online) throw cloudFailure(-1, 'request:fail network is offline');
    return binding;
  };

  /** One request over the simulated network (faults, uplink, client timeout); see delivery.ts. */
  const over = <R>(api: CloudApi, target: string, bytes: number, trace: DeliveryTrace, send: Send<R>) => {
    const key = api === 'callFunction' ? `callFunction:${target}` : api;
    const network = { faults: deps.faults, timers: ctx.timers, online: () => deps.network.online };
    return deliver(network, key, { api, target, bytes }, trace, send);
  };

  function api<O extends object, R extends object>(
    name: CloudApi,
    target: (o: O) => string,
    work: (o: O, binding: CloudBinding, trace: DeliveryTrace) => Promise<R>,
  ) {
    const full = `cloud.${name}`;
    const fn = (options?: O & CallbackOptions<never>) => {
      const o = (options ?? {}) as O;
      const run = async () => {
        const trace: DeliveryTrace = { deliveries: 0 };
        const entry = { api: full, target: target(o) };
        try {
          const res = await work(o, ready(), trace);
          // The trace itself goes in the log: a duplicate's second delivery may land after the phone's answer.
          deps.faults.record(Object.assign(trace, entry, { ok: true, errMsg: `${full}:ok` }));
          return res;
        } catch (err) {
          deps.faults.record(
            Object.assign(trace, entry, { ok: false, errMsg: toApiError(full, err).errMsg }),
          );
          throw err;
        }
      };
      return runWxAsync<R>(full, options as CallbackOptions<R & { errMsg: string }>, run, {
        promise: true,
        defer: ctx.timers.defer,
        rejectWithError: true,
      });
    };
    return fn as WxAsyncFn<O, R & { errMsg: string }>;
  }

  return {
    init(config: { env?: unknown; traceUser?: boolean } = {}) {
      const binding = deps.binding();
      const env = envOf(config.env);
      if (binding && env && env !== binding.envId) {
        throw new Error(`wx.cloud.init: env "${env}" is not the emulator's env "${binding.envId}"`);
      }
      initialized = true;
    },
    callFunction: api(
      'callFunction',
      (o: { name: string; data?: unknown }) => String(o.name),
      async (o, b, trace) => {
        if (typeof o.name !== 'string' || !o.name)
          throw cloudFailure(-401002, 'parameter.name should be a string');
        const data = o.data ?? {};
        const bytes = Buffer.byteLength(JSON.stringify(data));
        const { result, requestId } = await over('callFunction', o.name, bytes, trace, () =>
          b.backend.callFunction({ name: o.name, data, openid: b.openid, appid: b.appid }),
        );
        return { result, requestID: requestId };
      },
    ),
    uploadFile: api(
      'uploadFile',
      (o: { cloudPath: string; filePath: string }) => String(o.cloudPath),
      async (o, b, trace) => {
        if (!deps.vfs.exists(o.filePath)) throw cloudFailure(-1, `no such file or directory ${o.filePath}`);
        const data = deps.vfs.readBytes(o.filePath);
        const { fileID } = await over('uploadFile', o.cloudPath, data.length, trace, (cutAfterBytes) =>
          b.backend.uploadFile({ cloudPath: o.cloudPath, data, openid: b.openid, cutAfterBytes }),
        );
        return { fileID, statusCode: 200 };
      },
    ),
    downloadFile: api(
      'downloadFile',
      (o: { fileID: string }) => String(o.fileID),
      async (o, b, trace) => {
        const bytes = await over('downloadFile', String(o.fileID), 0, trace, () =>
          b.backend.downloadFile({ fileID: o.fileID, openid: b.openid }),
        );
        return {
          tempFilePath: deps.vfs.createTempFile(bytes, path.extname(o.fileID).slice(1)),
          statusCode: 200,
        };
      },
    ),
    getTempFileURL: api(
      'getTempFileURL',
      (o: { fileList: string[] }) => String(o.fileList ?? ''),
      async (o, b, trace) => {
        const res = await over('getTempFileURL', String(o.fileList ?? ''), 0, trace, () =>
          b.backend.getTempFileURL({ fileList: o.fileList, openid: b.openid }),
        );
        return { fileList: res.fileList.map((item) => ({ maxAge: 7200, ...item })) };
      },
    ),
    deleteFile: api(
      'deleteFile',
      (o: { fileList: string[] }) => String(o.fileList ?? ''),
      async (o, b, trace) => {
        // Per file, as the cloud answered (a file the storage rule protects fails alone, -503002).
        const res = await over('deleteFile', String(o.fileList ?? ''), 0, trace, () =>
          b.backend.deleteFile({ fileList: o.fileList, openid: b.openid }),
        );
        return { fileList: res.fileList };
      },
    ),
    database() {
      throw new Error('wx.cloud.database() is not simulated: the app reaches data through cloud functions');
    },
  };
}
