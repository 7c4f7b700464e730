import type { AccessGate } from '../access/access-gate';
import { createAccessApi } from '../access/access-api';
import { createWxCloud } from '../cloud/wx-cloud';
import { asyncApi, type ApiContext } from '../core/api-context';
import { ListenerSet } from '../core/listeners';
import type { NetworkStatus } from '../core/network-state';
import { createFileSystemManager, createWxFileApis } from '../fs/fs-api';
import { USER_DATA_PATH } from '../fs/virtual-paths';
import type { PageStack } from '../page/page-stack';
import type { SimRecorderManager } from '../recorder/recorder-manager';
import { createStorageApi } from '../storage/storage-api';
import { createInnerAudioContext } from '../ui/inner-audio';
import { createDeviceApi, createUiApi } from '../ui/ui-api';
import type { AppRuntime } from './app-runtime';
import { guardDeadRun } from './dead-run';
import type { SharedWorld } from './shared-world';

export interface RunParts {
  ctx: ApiContext;
  world: SharedWorld;
  runtime: AppRuntime;
  recorder: SimRecorderManager;
  pages: PageStack;
  networkListeners: ListenerSet<NetworkStatus>;
  gate: AccessGate;
}

function navigationApi(ctx: ApiContext, pages: PageStack) {
  return {
    navigateTo: asyncApi(ctx, 'navigateTo', (o: { url: string }) => (pages.navigateTo(o.url), {})),
    redirectTo: asyncApi(ctx, 'redirectTo', (o: { url: string }) => (pages.redirectTo(o.url), {})),
    reLaunch: asyncApi(ctx, 'reLaunch', (o: { url: string }) => (pages.reLaunch(o.url), {})),
    navigateBack: asyncApi(ctx, 'navigateBack', (o: { delta?: number }) => (pages.navigateBack(o.delta), {})),
  };
}

function lifecycleApi(runtime: AppRuntime, network: ListenerSet<NetworkStatus>) {
  return {
    onAppShow: runtime.showListeners.add,
    offAppShow: runtime.showListeners.remove,
    onAppHide: runtime.hideListeners.add,
    offAppHide: runtime.hideListeners.remove,
    onError: runtime.errorListeners.add,
    offError: runtime.errorListeners.remove,
    onNetworkStatusChange: network.add,
    offNetworkStatusChange: network.remove,
  };
}

export type SimWx = ReturnType<typeof buildWx>;

/** The `wx` object of one app run: a fresh one per launch, like the real runtime. */
export function buildWx(parts: RunParts) {
  const { ctx, world } = parts;
  const fileSystemManager = createFileSystemManager(ctx, world.vfs, world.saved);
  const audio = {
    timers: ctx.timers,
    vfs: world.vfs,
    speed: () => world.recorder.speed,
    played: world.audioPlayed,
    playedFrom: world.audioPlayedFrom,
  };
  const wx = {
    env: { USER_DATA_PATH },
    ...createStorageApi(ctx, world.storage),
    ...createWxFileApis(ctx, world.saved),
    getFileSystemManager: () => fileSystemManager,
    getRecorderManager: () => parts.recorder.api,
    getNetworkType: asyncApi(ctx, 'getNetworkType', () => ({
      networkType: world.network.status.networkType,
    })),
    ...lifecycleApi(parts.runtime, parts.networkListeners),
    ...createUiApi(ctx, world.ui),
    ...createDeviceApi(ctx),
    ...createAccessApi(ctx, world.access, parts.gate),
    ...navigationApi(ctx, parts.pages),
    createInnerAudioContext: () => createInnerAudioContext(audio),
    nextTick: (fn: () => void) => void Promise.resolve().then(fn),
    cloud: createWxCloud(ctx, {
      binding: world.cloud,
      network: world.network,
      faults: world.faults,
      vfs: world.vfs,
    }),
  };
  // Code of a killed app may still be on the stack (a kill between two statements): it touches nothing.
  return guardDeadRun(wx, () => ctx.timers.isDisposed);
}
