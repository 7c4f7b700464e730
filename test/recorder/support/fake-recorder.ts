import type {
  RecorderListeners,
  RecorderPort,
  RecorderStartOptions,
} from '../../../miniprogram/recorder/port';

/**
 * A RecorderManager the test drives: it confirms start/pause/resume/stop like the platform (or not, when
 * `confirm` is off), ignores stop() before onStart like the real one, and `speak()` delivers PCM frames.
 */
export class FakeRecorder implements RecorderPort {
  listeners: RecorderListeners | undefined;
  readonly calls: string[] = [];
  lastOptions: RecorderStartOptions | undefined;
  confirm = true;
  /** Between onStart and onStop: the platform holds a recording. */
  started = false;

  listen(listeners: RecorderListeners): void {
    this.listeners = listeners;
  }

  start(options: RecorderStartOptions): void {
    this.calls.push('start');
    this.lastOptions = options;
    if (this.confirm) this.fireStart();
  }

  pause(): void {
    this.calls.push('pause');
    if (this.confirm) this.on().onPause();
  }

  resume(): void {
    this.calls.push('resume');
    if (this.confirm) this.on().onResume();
  }

  stop(): void {
    this.calls.push('stop');
    // The platform bug the session must handle: stop() before onStart does nothing.
    if (!this.started) return;
    if (this.confirm) this.fireStop();
  }

  fireStart(): void {
    this.started = true;
    this.on().onStart();
  }

  fireStop(): void {
    this.started = false;
    this.on().onStop();
  }

  /** `ms` of a 440 Hz tone at `amplitude` (0..1), in frames of the size the session asked for. */
  speak(ms: number, amplitude = 0.5): void {
    const options = this.lastOptions as RecorderStartOptions;
    const samples = Math.round((options.sampleRate * ms) / 1000) * options.numberOfChannels;
    const pcm = new Int16Array(samples);
    for (let i = 0; i < samples; i += 1) {
      pcm[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 440 * i) / options.sampleRate));
    }
    const frameBytes = options.frameSizeKB * 1024;
    const bytes = new Uint8Array(pcm.buffer);
    for (let offset = 0; offset < bytes.length; offset += frameBytes) {
      this.on().onFrame(bytes.slice(offset, offset + frameBytes).buffer);
    }
  }

  private on(): RecorderListeners {
    if (!this.listeners) throw new Error('no listeners registered');
    return this.listeners;
  }
}
