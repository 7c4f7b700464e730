import type { WavMicrophone } from './mic-source';

/** What the recorder does when the app goes to the background (screen lock, home button). */
export type HiddenRecordingBehaviour =
  /** stops and fires onStop with the file (the documented behaviour) */
  | 'stop'
  /** stops without any event and the audio is lost (the known screen-lock bug) */
  | 'stop-silently'
  /** pauses and fires onPause */
  | 'pause'
  /** keeps recording (as with requiredBackgroundModes: ["audio"]) */
  | 'continue';

export interface RecorderSimSettings {
  microphone: () => WavMicrophone | null;
  /** 1 = real time; 20 = twenty times faster than real time. */
  speed: number;
  /** Audio captured per tick, in ms of audio. */
  tickMs: number;
  whenHidden: HiddenRecordingBehaviour;
  /** Deliver the partial frame on pause, so a paused segment holds all its audio. */
  flushFrameOnPause: boolean;
  /** Wall time between start() and onStart: the window of the "stop() before onStart" bug. */
  startDelayMs: number;
}
