import { createWxPort } from './platform/wx-port';
import { RecorderCore } from './recorder/core';
import { localeFor, setLocale } from './strings';

/** What pages get from `getApp<RecorderApp>()`: the one recorder core of this app run. */
export interface RecorderApp {
  core: RecorderCore;
}

App<RecorderApp>({
  core: undefined as unknown as RecorderCore,

  onLaunch() {
    wx.cloud.init({ traceUser: true });
    setLocale(localeFor(wx.getSystemInfoSync().language));
    this.core = new RecorderCore(createWxPort());
    // Before any page shows: seal what a kill left open, resume uploads and finalizing.
    this.core.launch();
  },
});
