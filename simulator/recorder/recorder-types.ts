/**
 * The RecorderManager shapes from miniprogram-api-typings, restated here because the root TypeScript
 * program keeps WeChat's globals out (they clash with Node's).
 */
export interface RecorderStartOption {
  duration?: number;
  sampleRate?: 8000 | 11025 | 12000 | 16000 | 22050 | 24000 | 32000 | 44100 | 48000;
  numberOfChannels?: 1 | 2;
  encodeBitRate?: number;
  format?: 'mp3' | 'aac' | 'wav' | 'PCM';
  frameSize?: number;
  audioSource?: string;
}

export interface OnStopResult {
  tempFilePath: string;
  /** ms */
  duration: number;
  /** bytes */
  fileSize: number;
}

export interface OnFrameRecordedResult {
  frameBuffer: ArrayBuffer;
  isLastFrame: boolean;
}

export interface WxRecorderManager {
  start(option?: RecorderStartOption): void;
  pause(): void;
  resume(): void;
  stop(): void;
  onStart(listener: () => void): void;
  onPause(listener: () => void): void;
  onResume(listener: () => void): void;
  onStop(listener: (res: OnStopResult) => void): void;
  onFrameRecorded(listener: (res: OnFrameRecordedResult) => void): void;
  onError(listener: (res: { errMsg: string; errno?: number }) => void): void;
  onInterruptionBegin(listener: () => void): void;
  onInterruptionEnd(listener: () => void): void;
}
