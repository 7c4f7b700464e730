/**
 * The recorder core's platform port over the real `wx` global: the only file of the recorder that
 * touches `wx`. Most wx APIs return Promises when given no callbacks; RecorderManager and the file
 * system are listener/sync style and are wrapped as such.
 */
import type {
  AccessPort,
  AudioPort,
  ClockPort,
  CloudPort,
  FilesPort,
  LifecyclePort,
  MicPermission,
  NetworkPort,
  PlatformPort,
  RecorderListeners,
  RecorderPort,
  RecorderStartOptions,
  StoragePort,
} from '../recorder/port';

type SampleRate = WechatMiniprogram.RecorderManagerStartOption['sampleRate'];
type Channels = WechatMiniprogram.RecorderManagerStartOption['numberOfChannels'];

function recorderPort(wx: WechatMiniprogram.Wx): RecorderPort {
  const manager = wx.getRecorderManager();
  return {
    listen(l: RecorderListeners) {
      manager.onStart(() => l.onStart());
      manager.onPause(() => l.onPause());
      manager.onResume(() => l.onResume());
      manager.onStop(() => l.onStop());
      manager.onFrameRecorded((res) => l.onFrame(res.frameBuffer));
      manager.onError((res) => l.onError(res.errMsg));
      manager.onInterruptionBegin(() => l.onInterruptionBegin());
      manager.onInterruptionEnd(() => l.onInterruptionEnd());
    },
    start(o: RecorderStartOptions) {
      manager.start({
        format: 'PCM',
        sampleRate: o.sampleRate as SampleRate,
        numberOfChannels: o.numberOfChannels as Channels,
        encodeBitRate: o.encodeBitRate,
        frameSize: o.frameSizeKB,
        duration: o.durationMs,
      });
    },
    pause: () => manager.pause(),
    resume: () => manager.resume(),
    stop: () => manager.stop(),
  };
}

function filesPort(wx: WechatMiniprogram.Wx): FilesPort {
  const fs = wx.getFileSystemManager();
  const exists = (path: string): boolean => {
    try {
      fs.accessSync(path);
      return true;
    } catch {
      return false;
    }
  };
  return {
    rootDir: wx.env.USER_DATA_PATH,
    ensureDir: (dir) => {
      if (!exists(dir)) fs.mkdirSync(dir, true);
    },
    append: (path, data) => fs.appendFileSync(path, data),
    write: (path, data) => fs.writeFileSync(path, data),
    writeAt: (path, position, data) => {
      const fd = fs.openSync({ filePath: path, flag: 'r+' });
      try {
        fs.writeSync({ fd, data, position });
      } finally {
        fs.closeSync({ fd });
      }
    },
    truncate: (path, length) => fs.truncateSync({ filePath: path, length }),
    size: (path) => (fs.statSync(path) as WechatMiniprogram.Stats).size,
    read: (path) => fs.readFileSync(path) as ArrayBuffer,
    exists,
    remove: (path) => fs.unlinkSync(path),
    list: (dir) => (exists(dir) ? fs.readdirSync(dir) : []),
  };
}

function storagePort(wx: WechatMiniprogram.Wx): StoragePort {
  return {
    // getStorageSync answers '' for a key never set; the journal never stores ''.
    get: (key) => (wx.getStorageSync(key) as string) || undefined,
    set: (key, value) => wx.setStorageSync(key, value),
    remove: (key) => wx.removeStorageSync(key),
    keys: () => wx.getStorageInfoSync().keys,
  };
}

function networkPort(wx: WechatMiniprogram.Wx): NetworkPort {
  return {
    isOnline: async () => (await wx.getNetworkType()).networkType !== 'none',
    onChange: (listener) => wx.onNetworkStatusChange((res) => listener(res.isConnected)),
  };
}

function cloudPort(wx: WechatMiniprogram.Wx): CloudPort {
  return {
    uploadFile: async (cloudPath, filePath) => (await wx.cloud.uploadFile({ cloudPath, filePath })).fileID,
    callFunction: async (name, data) => (await wx.cloud.callFunction({ name, data })).result,
  };
}

function audioPort(wx: WechatMiniprogram.Wx): AudioPort {
  let current: WechatMiniprogram.InnerAudioContext | undefined;
  const stop = () => {
    current?.stop();
    current?.destroy();
    current = undefined;
  };
  return {
    // A fresh context per source: its onEnded belongs to that source only.
    play(src, onEnded, startSec = 0) {
      stop();
      const context = wx.createInnerAudioContext();
      context.onEnded(onEnded);
      context.src = src;
      // InnerAudioContext.startTime: where playback starts, in seconds (default 0).
      context.startTime = startSec;
      context.play();
      current = context;
    },
    stop,
  };
}

function lifecyclePort(wx: WechatMiniprogram.Wx): LifecyclePort {
  return {
    onAppHide: (listener) => wx.onAppHide(() => listener()),
    onAppShow: (listener) => wx.onAppShow(() => listener()),
    keepScreenOn: (on) => void wx.setKeepScreenOn({ keepScreenOn: on }).catch(() => undefined),
  };
}

function clockPort(wx: WechatMiniprogram.Wx): ClockPort {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => {
      const handle = setTimeout(callback, ms);
      return () => clearTimeout(handle);
    },
    random: () => Math.random(),
    randomBytes: (count) =>
      new Promise((resolve) => {
        // wx.getRandomValues (base library 2.15+) is cryptographic; older runtimes get Math.random,
        // which is enough for ids whose only job is not to collide (the server checks ownership).
        const fallback = () =>
          resolve(Uint8Array.from({ length: count }, () => Math.floor(Math.random() * 256)));
        if (typeof wx.getRandomValues !== 'function') return fallback();
        wx.getRandomValues({
          length: count,
          success: (res) => resolve(new Uint8Array(res.randomValues)),
          fail: fallback,
        });
      }),
  };
}

const permissionOf = (auth: WechatMiniprogram.AuthSetting): MicPermission => {
  const value = auth['scope.record'];
  return value === undefined ? 'unasked' : value ? 'granted' : 'denied';
};

/** The privacy APIs have no Promise style ("以 Promise 风格 调用：不支持"): callbacks, wrapped once here. */
function callbacks<R>(call: (o: { success: (res: R) => void; fail: (err: unknown) => void }) => void) {
  return new Promise<R>((resolve, reject) => call({ success: resolve, fail: reject }));
}

type PrivacyResolve = (options: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

function accessPort(wx: WechatMiniprogram.Wx): AccessPort {
  // Base library < 2.32.3 has no privacy APIs and no agreement to wait for.
  const hasPrivacy = typeof wx.requirePrivacyAuthorize === 'function';
  return {
    onPrivacyNeeded(listener) {
      if (!hasPrivacy) return;
      // The typings (5.2.3) call the listener's argument a result object; the docs say it is `resolve`.
      wx.onNeedPrivacyAuthorization((arg) => {
        const resolve = arg as unknown as PrivacyResolve;
        listener({
          agree: (buttonId) => resolve({ event: 'agree', buttonId }),
          disagree: () => resolve({ event: 'disagree' }),
        });
      });
    },
    requirePrivacy: () =>
      hasPrivacy ? callbacks((o) => wx.requirePrivacyAuthorize(o)).then(() => undefined) : Promise.resolve(),
    openPrivacyContract: () =>
      hasPrivacy ? callbacks((o) => wx.openPrivacyContract(o)).then(() => undefined) : Promise.resolve(),
    micPermission: async () => permissionOf((await wx.getSetting()).authSetting),
    authorizeMic: async () => {
      await wx.authorize({ scope: 'scope.record' });
    },
    // Callbacks, not a Promise: community reports say iOS ignores a Promise-style openSetting.
    openSettings: async () =>
      permissionOf(
        (await callbacks<WechatMiniprogram.OpenSettingSuccessCallbackResult>((o) => wx.openSetting(o)))
          .authSetting,
      ),
  };
}

/** Binds to one `wx` object (the global by default), so several simulated phones can share a process. */
export function createWxPort(api: WechatMiniprogram.Wx = wx): PlatformPort {
  return {
    recorder: recorderPort(api),
    files: filesPort(api),
    storage: storagePort(api),
    network: networkPort(api),
    cloud: cloudPort(api),
    audio: audioPort(api),
    lifecycle: lifecyclePort(api),
    clock: clockPort(api),
    access: accessPort(api),
  };
}
