import type { AccessOptions } from './access/access-state';
import type { ModuleIsolator } from './app/app-loader';
import type { CloudBinding } from './cloud/wx-cloud';
import type { MicEndBehaviour } from './recorder/mic-source';
import type { HiddenRecordingBehaviour } from './recorder/recorder-settings';

export interface WxSimulatorOptions {
  /**
   * Folder for the phone's files (usr/, tmp/, store/) and storage.json. Default: a fresh temp folder
   * that dispose() removes. Reuse a folder to keep storage and saved files across simulators.
   */
  dataDir?: string;
  /** Write storage through to `{dataDir}/storage.json` (it always survives kill/relaunch in memory). */
  persistStorage?: boolean;
  /** The mini program to run. Without it, wx works but there is no App or pages. */
  app?: {
    /** Folder with app.json, app.ts and the pages. */
    root: string;
    /** How a cold start gets fresh modules: pass `jest.isolateModules` under jest. */
    isolate?: ModuleIsolator;
    /** Render pages with miniprogram-simulate (needs jsdom); default headless. */
    render?: boolean;
  };
  /** The WAV file the microphone hears. */
  microphone?: { wav: string; onEnd?: MicEndBehaviour };
  /** Time factor for the recorder and audio playback: 1 = real time (default), 50 = fifty times faster. */
  speed?: number;
  recorder?: {
    /** Default 'stop' (onStop with the file). 'stop-silently' reproduces the screen-lock bug. */
    whenHidden?: HiddenRecordingBehaviour;
    /** ms of audio per capture tick (default 100). */
    tickMs?: number;
    /** Wall ms between start() and onStart (default 30). */
    startDelayMs?: number;
    flushFrameOnPause?: boolean;
    /** Shorthand for `access.record`: 'granted' (true) or 'denied' (false). */
    micPermission?: 'granted' | 'denied';
  };
  /** The privacy guide and the microphone's authorization (see README, "Privacy and permission"). */
  access?: AccessOptions;
  /** wx.cloud's backend (an EmulatorClient), env and identity. */
  cloud?: CloudBinding;
}
