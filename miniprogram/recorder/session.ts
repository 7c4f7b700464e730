import type { SegmentCut } from '../../typings/documents';
import type { RecorderBus, SessionSnapshot } from './bus';
import { RecorderError, messageOf, saveFailureMessage } from './errors';
import type { JournalPublisher } from './journal-publisher';
import { frameLevel } from './level-meter';
import type { PlatformPort, RecorderListeners, RecorderStartOptions } from './port';
import type { SegmentFiles } from './segment-files';
import { openSegment, sealSegment } from './segment-sealer';
import { SessionStateMachine, type SessionState } from './state-machine';
import { pcmBytesFor, pcmDurationMs } from './wav-header';

/** `operateRecorder:fail recorder not start`: stop() on a recorder that is not running. */
const RECORDER_NOT_STARTED = /recorder not start/;

export interface SessionDeps {
  port: PlatformPort;
  log: JournalPublisher;
  files: SegmentFiles;
  bus: RecorderBus;
  recorderOptions: RecorderStartOptions;
  /** Seal a segment after this many ms of continuous audio (0: only at pauses); asked at every frame. */
  cutIntervalMs(): number;
  /** A segment was sealed or the recording ended: the upload queue has work. */
  onWork(): void;
  /** The session reached `stopped` or `error` and gave the microphone back. */
  onEnded(session: RecordingSession): void;
}

/**
 * One recording from the record tap to stop: drives the platform recorder, writes frames to the open
 * segment, seals a segment at every pause (tap, call, app hide, 10-minute cap) and every `cutIntervalMs()` of
 * continuous audio, and hands it to the queue. An automatic cut is the pause path without the pause: the
 * frame that crosses the limit is the segment's last, the next frame opens the next one, nothing is skipped.
 */
export class RecordingSession implements RecorderListeners {
  private readonly machine: SessionStateMachine;
  private openFile: string | undefined;
  private openSeq = 0;
  private openBytes = 0;
  private sealedMs = 0;
  /** Why the platform's next onPause happens, when it was not the student's tap (a call). */
  private pendingCut: SegmentCut | undefined;
  /** The platform's own recording ended while paused (cap or screen lock): resume must start afresh. */
  private platformIdle = false;
  private errorMessage: string | undefined;

  constructor(
    readonly recordingId: string,
    private readonly deps: SessionDeps,
  ) {
    this.machine = new SessionStateMachine(() => this.publish());
  }

  get state(): SessionState {
    return this.machine.state;
  }

  snapshot(): SessionSnapshot {
    const { sampleRate, numberOfChannels } = this.deps.recorderOptions;
    const elapsedMs = this.sealedMs + pcmDurationMs(this.openBytes, sampleRate, numberOfChannels);
    return { recordingId: this.recordingId, state: this.state, elapsedMs, error: this.errorMessage };
  }

  start(): void {
    this.machine.fire('start');
    this.deps.port.lifecycle.keepScreenOn(true);
    this.deps.port.recorder.start(this.deps.recorderOptions);
  }

  pause(): void {
    if (this.state !== 'recording') throw new RecorderError('CONFLICT', `Cannot pause while ${this.state}`);
    this.deps.port.recorder.pause();
  }

  resume(): void {
    this.machine.fire('resume');
    if (this.platformIdle) {
      this.platformIdle = false;
      this.deps.port.recorder.start(this.deps.recorderOptions);
    } else {
      this.deps.port.recorder.resume();
    }
  }

  stop(): void {
    const before = this.state;
    this.machine.fire('stop');
    // The platform ignores stop() before onStart: onStart calls it again (see onStart).
    if (before === 'starting') return;
    if (before === 'paused' && this.platformIdle) this.finish('stopped');
    else this.deps.port.recorder.stop();
  }

  /** A call: the platform pauses itself too; the segment is sealed on its onPause. */
  interrupt(): void {
    if (this.state !== 'recording') return;
    this.pendingCut = 'call';
    this.deps.port.recorder.pause();
  }

  /**
   * The app went to the background. Seal now rather than on onPause: with the screen locked the
   * platform may drop its recording without any event. Its recording is ended too, so resume starts a
   * fresh one instead of resuming one that may be gone.
   */
  hide(): void {
    if (this.state !== 'recording') return;
    this.machine.fire('pause');
    this.sealOpenSegment('hide');
    this.platformIdle = true;
    this.deps.port.recorder.stop();
  }

  onStart(): void {
    // The platform ignores stop() before its onStart, so a stop asked for meanwhile is asked again now:
    // a tap on stop, or a hide that ended the platform's recording (else it records on in the background).
    if (this.state === 'stopping' || (this.state === 'paused' && this.platformIdle)) {
      this.deps.port.recorder.stop();
    } else {
      this.machine.tryFire('started');
    }
  }

  onFrame(frame: ArrayBuffer): void {
    if (this.state === 'stopped' || this.state === 'error') return;
    try {
      if (this.openFile === undefined) this.openNextSegment();
      this.deps.files.append(this.openFile as string, frame);
      this.openBytes += frame.byteLength;
      if (this.autoCutDue()) this.sealOpenSegment('auto');
    } catch (err) {
      this.fail(saveFailureMessage(err));
      return;
    }
    this.deps.bus.publish({ type: 'level', recordingId: this.recordingId, level: frameLevel(frame) });
    this.publish();
  }

  onPause(): void {
    const cut = this.pendingCut ?? 'pause';
    this.pendingCut = undefined;
    if (this.machine.tryFire('pause')) this.sealOpenSegment(cut);
  }

  onResume(): void {
    // The state moved on the tap already; frames will open the next segment.
  }

  onStop(): void {
    this.sealOpenSegment(this.state === 'recording' ? 'cap' : 'stop');
    if (this.state === 'stopping') {
      this.finish('stopped');
    } else if (this.state === 'recording') {
      // The 10-minute cap: the segment is sealed, recording goes on in a fresh platform recording.
      this.machine.fire('capped');
      this.deps.port.recorder.start(this.deps.recorderOptions);
    } else if (this.state === 'paused') {
      this.platformIdle = true;
    }
  }

  onError(message: string): void {
    if (this.state === 'stopped' || this.state === 'error') return;
    // Real phones answer stop() on a recorder that already stopped (silently, on a screen lock) with
    // this error; it means "nothing to stop", never that the recording failed (simulator/README.md,
    // "Facts checked").
    if (RECORDER_NOT_STARTED.test(message)) return this.platformAlreadyIdle();
    this.fail(`Recorder error: ${message}`);
  }

  /**
   * Only a stop() we are waiting on needs anything: no onStop will come, so what the frames delivered is
   * all there is (finish seals it). In any other state the answer changes nothing: it may even be a late
   * answer to a stop() of an earlier session.
   */
  private platformAlreadyIdle(): void {
    if (this.state === 'stopping') this.finish('stopped');
  }

  onInterruptionBegin(): void {
    this.interrupt();
  }

  onInterruptionEnd(): void {
    // Resuming stays the student's decision: they may not be ready to speak the moment a call ends.
  }

  private openNextSegment(): void {
    const entry = this.deps.log.journal.get(this.recordingId);
    this.openSeq = entry ? entry.segments.length : 0;
    this.openFile = openSegment(this.deps.log, this.deps.files, this.recordingId, this.openSeq);
    this.openBytes = 0;
  }

  private autoCutDue(): boolean {
    const { recorderOptions } = this.deps;
    const autoCutMs = this.deps.cutIntervalMs();
    if (autoCutMs <= 0) return false;
    return (
      this.openBytes >= pcmBytesFor(autoCutMs, recorderOptions.sampleRate, recorderOptions.numberOfChannels)
    );
  }

  private sealOpenSegment(cut: SegmentCut): void {
    if (this.openFile === undefined) return;
    // Whatever happens next, the PCM stays on disk under a `writing` entry, which recovery can seal.
    this.openFile = undefined;
    let segment;
    try {
      segment = sealSegment(this.deps.log, this.deps.files, this.recordingId, this.openSeq, cut);
    } catch (err) {
      this.fail(saveFailureMessage(err));
      return;
    } finally {
      this.openBytes = 0;
    }
    if (!segment) return;
    this.sealedMs += segment.durationMs;
    this.deps.onWork();
  }

  private fail(message: string): void {
    if (this.state === 'error' || this.state === 'stopped') return;
    this.errorMessage ??= message;
    // Ended first: the platform's onStop must not read as the 10-minute cap and start it again.
    this.finish('fail');
    this.deps.port.recorder.stop();
  }

  private finish(event: 'stopped' | 'fail'): void {
    // Frames the platform flushed after a hide went into an open segment: keep them.
    this.sealOpenSegment('stop');
    if (!this.machine.tryFire(event)) return;
    this.deps.port.lifecycle.keepScreenOn(false);
    try {
      this.markForFinalize();
    } catch (err) {
      // The journal still says `recording`: the next launch's recovery finalizes it.
      this.errorMessage ??= `Could not save the recording's state: ${messageOf(err)}`;
    }
    this.deps.onEnded(this);
    this.deps.onWork();
  }

  private markForFinalize(): void {
    const entry = this.deps.log.journal.get(this.recordingId);
    if (entry && entry.segments.length > 0) {
      this.deps.log.updateRecording(this.recordingId, (draft) => {
        draft.phase = 'finalizing';
      });
    } else if (entry) {
      this.deps.log.journal.remove(this.recordingId);
    }
  }

  private publish(): void {
    this.deps.bus.publish({ type: 'session', session: this.snapshot() });
  }
}
