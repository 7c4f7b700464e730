/**
 * The recorder page's one state machine: connect on load, open devices on Record, stream while
 * recording, mark segments on Pause, and on Stop release every track, wait for the server to finish the
 * recording and close the socket. Every start after that is a new connection and a new file.
 */
import { ErrorCode } from '../../../typings/errors';
import type { RecordingFinished } from '../../../typings/browser-recorder';
import { formatTime, t, type StringKey } from './i18n';
import { CaptureError, openCapture, type Capture, type CaptureFailure } from './media-capture';
import { fetchAssignment, fetchTicket, registerStudent } from './recorder-api';
import type { RecorderView } from './recorder-view';
import { Uplink } from './uplink';

export type PageState =
  'connecting' | 'ready' | 'opening' | 'recording' | 'paused' | 'stopping' | 'finished' | 'blocked';

const CAPTURE_MESSAGES: Record<CaptureFailure, StringKey> = {
  denied: 'denied',
  'no-device': 'noDevice',
  unsupported: 'unsupported',
  failed: 'captureFailed',
};

export class RecorderPage {
  state: PageState = 'connecting';
  uplink: Uplink;
  capture: Capture | undefined;
  lastRecording: RecordingFinished | undefined;
  /** The counters of the connection that carried the last finished recording. */
  lastCounters: Uplink['counters'] | undefined;
  /** Every PCM chunk handed to the uplink, kept only with `?debug=1` so tests can compare bytes. */
  readonly debugPcm: Uint8Array[] | undefined;
  private connectionId = '';
  /** The socket is down and the uplink is reconnecting; recording goes on into the buffer. */
  private offline = false;

  constructor(
    private readonly view: RecorderView,
    private readonly assignmentId: string | undefined,
    debug: boolean,
  ) {
    this.debugPcm = debug ? [] : undefined;
    this.uplink = this.newUplink();
    view.record.onclick = () => void this.record();
    view.pause.onclick = () => this.togglePause();
    view.stop.onclick = () => void this.stop();
    view.studentForm.onsubmit = (event) => {
      event.preventDefault();
      void this.registerStudent();
    };
    this.render();
  }

  start(): void {
    void this.uplink.connect();
    if (this.assignmentId) void this.showAssignment(this.assignmentId);
  }

  private async showAssignment(assignmentId: string): Promise<void> {
    try {
      const { title, prompt } = await fetchAssignment(assignmentId);
      const heading = document.createElement('h2');
      heading.textContent = title;
      const text = document.createElement('p');
      text.textContent = prompt;
      this.view.assignment.replaceChildren(heading, text);
      this.view.assignment.hidden = false;
    } catch (err) {
      this.showError(err);
    }
  }

  private newUplink(): Uplink {
    return new Uplink(
      {
        connected: (id) => this.onConnected(id),
        reconnecting: () => {
          this.offline = true;
          this.render();
        },
        started: () => undefined,
        segment: () => undefined,
        finished: (recording) => this.onFinished(recording),
        failed: (code, message) => void this.onFailed(code, message),
      },
      fetchTicket,
    );
  }

  private onConnected(connectionId: string): void {
    this.connectionId = connectionId;
    this.offline = false;
    if (this.state === 'connecting') this.state = 'ready';
    this.render();
  }

  private async record(): Promise<void> {
    if (this.state !== 'ready') return;
    this.state = 'opening';
    this.debugPcm?.splice(0);
    this.showMessage('');
    this.render();
    try {
      this.capture = await openCapture(this.view.kindVideo.checked, {
        onPcm: (pcm, peak) => this.onPcm(pcm, peak),
        onVideo: (chunk) => this.uplink.addVideo(chunk),
      });
    } catch (err) {
      const reason = err instanceof CaptureError ? err.reason : 'failed';
      this.state = 'ready';
      this.showMessage(t(CAPTURE_MESSAGES[reason], { message: (err as Error).message }));
      return this.render();
    }
    this.uplink.start(this.view.kindVideo.checked ? 'video' : 'audio', this.assignmentId);
    this.state = 'recording';
    this.render();
  }

  private onPcm(pcm: Uint8Array, peak: number): void {
    this.debugPcm?.push(pcm);
    this.uplink.addAudio(pcm);
    this.view.meter.value = peak;
    this.render();
  }

  private togglePause(): void {
    if (this.state === 'recording') {
      this.capture?.pause();
      this.uplink.pause();
      this.state = 'paused';
      this.view.meter.value = 0;
    } else if (this.state === 'paused') {
      this.capture?.resume();
      this.state = 'recording';
    }
    this.render();
  }

  private async stop(): Promise<void> {
    if (this.state !== 'recording' && this.state !== 'paused') return;
    this.state = 'stopping';
    this.render();
    await this.releaseDevices();
    this.uplink.stop();
  }

  private async releaseDevices(): Promise<void> {
    const capture = this.capture;
    this.capture = undefined;
    this.view.meter.value = 0;
    await capture?.stop();
  }

  private onFinished(recording: RecordingFinished): void {
    this.lastRecording = recording;
    this.lastCounters = { ...this.uplink.counters };
    this.uplink.close();
    this.state = 'finished';
    const time = formatTime(recording.durationMs);
    this.showMessage(t('finished', { segments: recording.segmentCount, time }));
    // The next Record is a new connection and a new file.
    this.uplink = this.newUplink();
    this.state = 'connecting';
    void this.uplink.connect();
    this.render();
  }

  private async onFailed(code: string, message: string): Promise<void> {
    await this.releaseDevices();
    if (code === ErrorCode.TOO_LARGE) return this.showMessage(t('limit'));
    this.state = 'blocked';
    if (code === ErrorCode.UNAUTHENTICATED) {
      this.view.studentForm.hidden = !this.assignmentId;
      this.showMessage(this.assignmentId ? '' : t('signIn'));
    } else {
      this.showMessage(t('serverError', { code, message }));
    }
    this.render();
  }

  private async registerStudent(): Promise<void> {
    try {
      await registerStudent(
        this.view.studentName.value,
        this.view.studentClass.value,
        this.assignmentId ?? '',
      );
    } catch (err) {
      return this.showError(err);
    }
    this.view.studentForm.hidden = true;
    this.uplink = this.newUplink();
    this.state = 'connecting';
    void this.uplink.connect();
    this.render();
  }

  private showError(err: unknown): void {
    const code = (err as { code?: string }).code ?? '';
    this.showMessage(t('serverError', { code, message: (err as Error).message }));
  }

  private showMessage(text: string): void {
    this.view.message.textContent = text;
  }

  private setStatus(text: string): void {
    this.view.status.textContent = text;
  }

  private render(): void {
    const { view, state } = this;
    const live = state === 'recording' || state === 'paused';
    view.record.disabled = state !== 'ready';
    view.pause.disabled = !live;
    view.pause.textContent = state === 'paused' ? t('resume') : t('pause');
    view.stop.disabled = !live;
    view.kindVideo.disabled = state !== 'ready';
    const time = formatTime((this.uplink.counters.audioBytes / 32000) * 1000);
    const statusKey: Partial<Record<PageState, string>> = {
      connecting: t('connecting'),
      ready: t('connected', { id: this.connectionId }),
      opening: t('opening'),
      recording: t('recording', { time }),
      paused: t('paused', { time }),
      stopping: t('stopping'),
    };
    this.setStatus(this.offline ? t('reconnecting') : (statusKey[state] ?? ''));
    document.body.dataset.state = state;
  }
}
