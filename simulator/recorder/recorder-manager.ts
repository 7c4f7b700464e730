import type { AccessGate } from '../access/access-gate';
import type { AppTimers } from '../core/app-timers';
import { ListenerSet } from '../core/listeners';
import { WxFailure } from '../core/wx-result';
import { toArrayBuffer } from '../fs/binary';
import type { VirtualFs } from '../fs/virtual-fs';
import { FrameChunker } from './frame-chunker';
import { resolveStartOptions, type ResolvedStartOptions } from './recorder-options';
import type { RecorderSimSettings } from './recorder-settings';
import type {
  OnFrameRecordedResult,
  OnStopResult,
  RecorderStartOption,
  WxRecorderManager,
} from './recorder-types';
import { createRecordingEncoder, type RecordingEncoder } from './recording-encoder';

export type RecorderState = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping';

interface Take {
  options: ResolvedStartOptions;
  encoder: RecordingEncoder;
  chunker: FrameChunker;
  capturedFrames: number;
  limitFrames: number;
  tick: ReturnType<typeof setTimeout> | null;
}

/**
 * The app's one RecorderManager. The microphone is a WAV file played at `speed`; frames, the temp
 * file and every event follow the documented behaviour, including the platform's known quirks.
 */
export class SimRecorderManager {
  private state: RecorderState = 'idle';
  private take: Take | null = null;
  /** A start() waiting at the privacy / permission gate (the sheet or the system prompt is up). */
  private authorizing = false;
  /** Bumped by abandon(): a gate answer arriving after a kill belongs to a dead run. */
  private generation = 0;
  /** Frame batches being handed to the app right now or waiting for their deferred delivery. */
  private framesInDelivery = 0;
  private readonly on = {
    start: new ListenerSet<void>(),
    pause: new ListenerSet<void>(),
    resume: new ListenerSet<void>(),
    stop: new ListenerSet<OnStopResult>(),
    frame: new ListenerSet<OnFrameRecordedResult>(),
    error: new ListenerSet<{ errMsg: string; errno?: number }>(),
    interruptionBegin: new ListenerSet<void>(),
    interruptionEnd: new ListenerSet<void>(),
  };
  /** The wx-facing object: only what the real RecorderManager has. */
  readonly api: WxRecorderManager;

  constructor(
    private readonly timers: AppTimers,
    private readonly vfs: VirtualFs,
    private readonly settings: RecorderSimSettings,
    private readonly gate: AccessGate,
  ) {
    const on = this.on;
    this.api = {
      start: (o) => this.start(o),
      pause: () => this.pause(),
      resume: () => this.resume(),
      stop: () => this.stop(),
      onStart: on.start.add,
      onPause: on.pause.add,
      onResume: on.resume.add,
      onStop: on.stop.add,
      onFrameRecorded: on.frame.add,
      onError: on.error.add,
      onInterruptionBegin: on.interruptionBegin.add,
      onInterruptionEnd: on.interruptionEnd.add,
    };
  }

  get currentState(): RecorderState {
    return this.state;
  }

  /**
   * Audio the recorder has let go of that the app may not hold yet: frames inside the app's
   * onFrameRecorded handler, or a pause's partial frame / a stop's last frames waiting for their deferred
   * delivery. A kill now costs them whatever `currentState` says (chaos/README.md "Loss allowance").
   */
  get holdsUndeliveredAudio(): boolean {
    return this.framesInDelivery > 0;
  }

  private fail(reason: string, errno?: number): void {
    const result = { errMsg: `operateRecorder:fail ${reason}`, ...(errno === undefined ? {} : { errno }) };
    this.timers.defer(() => this.on.error.emit(result));
  }

  /** A privacy API: the privacy agreement and `scope.record` come first (README "Privacy and permission"). */
  private start(input?: RecorderStartOption): void {
    if (this.state !== 'idle' || this.authorizing) return this.fail('recorder is already recording');
    this.authorizing = true;
    const run = this.generation;
    this.gate.request('RecorderManager.start', 'scope.record').then(
      () => {
        this.authorizing = false;
        if (run === this.generation) this.startGranted(input);
      },
      (err: unknown) => {
        this.authorizing = false;
        if (run !== this.generation) return;
        if (err instanceof WxFailure) this.fail(err.reason, err.errno);
        else this.fail(String(err));
      },
    );
  }

  private startGranted(input?: RecorderStartOption): void {
    const mic = this.settings.microphone();
    if (!mic) return this.fail('no microphone');
    let options: ResolvedStartOptions;
    try {
      options = resolveStartOptions(input);
    } catch (err) {
      return this.fail(err instanceof WxFailure ? err.reason : String(err));
    }
    const limitFrames = Math.round((options.duration * options.sampleRate) / 1000);
    this.take = {
      options,
      encoder: createRecordingEncoder(options),
      chunker: new FrameChunker(options.frameBytes),
      capturedFrames: 0,
      limitFrames,
      tick: null,
    };
    this.state = 'starting';
    this.timers.setTimeout(() => this.begin(), this.settings.startDelayMs);
  }

  private begin(): void {
    if (this.state !== 'starting') return;
    this.state = 'recording';
    this.on.start.emit();
    this.scheduleTick();
  }

  private scheduleTick(): void {
    if (!this.take) return;
    const wallMs = this.settings.tickMs / this.settings.speed;
    this.take.tick = this.timers.setTimeout(() => this.capture(), wallMs);
  }

  /** One tick of microphone audio: encode it, deliver full frames, stop at the duration cap or mic end. */
  private capture(): void {
    const take = this.take;
    if (!take || this.state !== 'recording') return;
    const { sampleRate, numberOfChannels } = take.options;
    const wanted = Math.min(
      Math.round((this.settings.tickMs * sampleRate) / 1000),
      take.limitFrames - take.capturedFrames,
    );
    const { samples, exhausted } = this.settings.microphone()!.read(wanted, sampleRate, numberOfChannels);
    take.capturedFrames += samples.length / numberOfChannels;
    this.emitFrames(take.chunker.push(take.encoder.write(samples)));
    if (take.capturedFrames >= take.limitFrames || exhausted) return void this.finish();
    this.scheduleTick();
  }

  private emitFrames(frames: Buffer[], lastIsFinal = false): void {
    this.framesInDelivery += 1;
    try {
      frames.forEach((frame, i) =>
        this.on.frame.emit({
          frameBuffer: toArrayBuffer(frame),
          isLastFrame: lastIsFinal && i === frames.length - 1,
        }),
      );
    } finally {
      this.framesInDelivery -= 1;
    }
  }

  /** Delivers `frames` on a later tick (then `after`), counting them as undelivered until then. */
  private deferFrames(frames: Buffer[], lastIsFinal: boolean, after: () => void): void {
    const pending = frames.some((f) => f.length > 0) ? 1 : 0;
    this.framesInDelivery += pending;
    this.timers.defer(() => {
      this.framesInDelivery -= pending;
      this.emitFrames(frames, lastIsFinal);
      after();
    });
  }

  private haltTick(): void {
    if (this.take?.tick) this.timers.clearTimeout(this.take.tick);
    if (this.take) this.take.tick = null;
  }

  private pause(): void {
    if (this.state !== 'recording') return;
    this.haltTick();
    this.state = 'paused';
    const take = this.take!;
    const rest =
      this.settings.flushFrameOnPause && take.chunker.enabled ? take.chunker.drain() : Buffer.alloc(0);
    // Events go out on later ticks, in order: the partial frame, then onPause.
    this.deferFrames(rest.length > 0 ? [rest] : [], false, () => this.on.pause.emit());
  }

  private resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'recording';
    this.timers.defer(() => this.on.resume.emit());
    this.scheduleTick();
  }

  private stop(): void {
    // Known platform bug, reproduced: stop() between start() and onStart is ignored.
    if (this.state === 'recording' || this.state === 'paused') void this.finish();
    // A recorder that is not recording (never started, or stopped silently by a screen lock) answers
    // with onError, as real phones do (README "Facts checked"). A start() still at the privacy or
    // permission gate is a start before onStart: ignored like the bug above, not "not started".
    else if (this.state === 'idle' && !this.authorizing) this.fail('recorder not start');
  }

  /** Ends the take: last frame (isLastFrame), temp file in the requested format, then onStop. */
  private async finish(): Promise<void> {
    const take = this.take!;
    this.haltTick();
    this.state = 'stopping';
    const { tail, file } = await take.encoder.end();
    if (this.take !== take) return; // killed or silently stopped while encoding
    const frames = take.chunker.enabled ? [...take.chunker.push(tail), take.chunker.drain()] : [];
    const tempFilePath = this.vfs.createTempFile(file, take.encoder.ext);
    const duration = Math.round((take.capturedFrames * 1000) / take.options.sampleRate);
    this.take = null;
    this.state = 'idle';
    // Deferred like onPause, so every event keeps the order the recorder produced it in.
    this.deferFrames(frames, true, () =>
      this.on.stop.emit({ tempFilePath, duration, fileSize: file.length }),
    );
  }

  /** Simulator: a phone call starts. onInterruptionBegin, then the recorder pauses (onPause). */
  beginInterruption(): void {
    this.on.interruptionBegin.emit();
    this.pause();
  }

  endInterruption(): void {
    this.on.interruptionEnd.emit();
  }

  /** Simulator: the app went to the background. */
  appHidden(): void {
    const mode = this.settings.whenHidden;
    if (mode === 'pause') this.pause();
    else if (mode === 'stop' && this.state !== 'idle' && this.state !== 'stopping') {
      if (this.state === 'starting') this.state = 'recording';
      void this.finish();
    } else if (mode === 'stop-silently') this.abandon();
  }

  /** Drops the take with no event and no file: screen-lock bug, or the app being killed. */
  abandon(): void {
    this.generation += 1;
    this.authorizing = false;
    this.haltTick();
    this.take = null;
    this.state = 'idle';
  }
}
