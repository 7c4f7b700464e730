import * as path from 'node:path';
import type { ApiContext, WxAsyncFn } from '../core/api-context';
import { runWxAsync, type CallbackOptions } from '../core/callback-api';
import type { NetworkState } from '../core/network-state';
import { toApiError, WxFailure } from '../core/wx-result';
import type { VirtualFs } from '../fs/virtual-fs';
import { isBackendError, type CloudBackend } from './cloud-backend';
import type { CloudFaults } from './cloud-faults';

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

/** A wx.cloud failure: errMsg `cloud.<api>:fail <errCode> <message>` plus the numeric errCode (-1: network). */
function cloudFailure(errCode: number, message: string): WxFailure {
  return new WxFailure(`${errCode} ${message}`, { errCode });
}

/** The backend's errMsg without its own `cloud.<api>:fail ` prefix (EmulatorClient adds one). */
function backendReason(errMsg: string): string {
  return errMsg.replace(/^cloud\.\w+:fail /, '');
}

function envOf(env: unknown): string | undefined {
  if (typeof env === 'string') return env;
  if (env && typeof env === 'object') return (env as { functions?: string }).functions;
  return undefined;
}

/** wx.cloud for one app run: init, then uploadFile/callFunction/getTempFileURL/downloadFile/deleteFile. */
export function createWxCloud(ctx: ApiContext, deps: WxCloudDeps) {
  let initialized = false;

  const ready = async (): Promise<CloudBinding> => {
    const binding = deps.binding();
    if (!initialized) throw cloudFailure(-1, 'please call wx.cloud.init() first');
    if (!binding)
      throw cloudFailure(-501005, 'the simulator has no cloud bound (createWxSimulator({ cloud }))');
    if (!deps.network.online) throw cloudFailure(-1, 'request:fail network is offline');
    if (deps.faults.latencyMs > 0) await ctx.timers.sleep(deps.faults.latencyMs);
    // The network may have dropped while the request was in flight.
    if (!deps.network.online) throw cloudFailure(-1, 'request:fail network is offline');
    return binding;
  };

  const guarded = async <R>(key: string, call: () => Promise<R>): Promise<R> => {
    const fault = deps.faults.take(key);
    if (fault) throw cloudFailure(fault.errCode, fault.errMsg);
    try {
      return await call();
    } catch (err) {
      if (isBackendError(err)) throw new WxFailure(backendReason(err.errMsg), { errCode: err.errCode });
      // Anything else (connection refused, reset) is a transport failure, as a dead network is.
      throw cloudFailure(-1, `request:fail ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  function api<O extends object, R extends object>(
    name: string,
    target: (o: O) => string,
    work: (o: O, binding: CloudBinding) => Promise<R>,
  ) {
    const full = `cloud.${name}`;
    const fn = (options?: O & CallbackOptions<never>) => {
      const o = (options ?? {}) as O;
      const run = async () => {
        try {
          const res = await work(o, await ready());
          deps.faults.record({ api: full, target: target(o), ok: true, errMsg: `${full}:ok` });
          return res;
        } catch (err) {
          deps.faults.record({
            api: full,
            target: target(o),
            ok: false,
            errMsg: toApiError(full, err).errMsg,
          });
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
      async (o, b) => {
        if (typeof o.name !== 'string' || !o.name)
          throw cloudFailure(-401002, 'parameter.name should be a string');
        const { result, requestId } = await guarded(`callFunction:${o.name}`, () =>
          b.backend.callFunction({ name: o.name, data: o.data ?? {}, openid: b.openid, appid: b.appid }),
        );
        return { result, requestID: requestId };
      },
    ),
    uploadFile: api(
      'uploadFile',
      (o: { cloudPath: string; filePath: string }) => String(o.cloudPath),
      async (o, b) => {
        if (!deps.vfs.exists(o.filePath)) throw cloudFailure(-1, `no such file or directory ${o.filePath}`);
        const data = deps.vfs.readBytes(o.filePath);
        const { fileID } = await guarded('uploadFile', () =>
          b.backend.uploadFile({ cloudPath: o.cloudPath, data, openid: b.openid }),
        );
        return { fileID, statusCode: 200 };
      },
    ),
    downloadFile: api(
      'downloadFile',
      (o: { fileID: string }) => String(o.fileID),
      async (o, b) => {
        const bytes = await guarded('downloadFile', () =>
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
      async (o, b) => {
        const res = await guarded('getTempFileURL', () => b.backend.getTempFileURL({ fileList: o.fileList }));
        return { fileList: res.fileList.map((item) => ({ maxAge: 7200, ...item })) };
      },
    ),
    deleteFile: api(
      'deleteFile',
      (o: { fileList: string[] }) => String(o.fileList ?? ''),
      async (o, b) => {
        await guarded('deleteFile', () => b.backend.deleteFile({ fileList: o.fileList, openid: b.openid }));
        return { fileList: o.fileList.map((fileID) => ({ fileID, status: 0, errMsg: 'ok' })) };
      },
    ),
    database() {
      throw new Error('wx.cloud.database() is not simulated: the app reaches data through cloud functions');
    },
  };
}
