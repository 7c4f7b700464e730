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
import { el, type RecorderView } from './recorder-view';
import { SegmentClips } from './segment-clips';
import { OUTBOX_FULL } from './outbox';
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
  /** What was said in each finished segment of this recording, for playback while paused. */
  private readonly clips = new SegmentClips();
  private readonly player = new Audio();
  private segmentsPlayable = false;
  private focusPending = false;
  /** Capture stopped because the outbox reached its bound; cleared once storage took some of it. */
  private heldForSpace = false;

  constructor(
    private readonly view: RecorderView,
    private readonly assignmentId: string | undefined,
    debug: boolean,
    /** The outbox's bound in bytes (default DEFAULT_MAX_HELD_BYTES; `?outboxLimit=` for tests). */
    private readonly maxHeldBytes?: number,
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
        confirmed: () => this.onConfirmed(),
        finished: (recording) => this.onFinished(recording),
        failed: (code, message) => void this.onFailed(code, message),
      },
      fetchTicket,
      this.maxHeldBytes,
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
    this.clips.clear();
    this.heldForSpace = false;
    this.view.result.hidden = true;
    this.showMessage('');
    this.render();
    try {
      this.capture = await openCapture(this.view.kindVideo.checked, {
        onPcm: (pcm, peak) => this.onPcm(pcm, peak),
        onVideo: (chunk) => {
          this.uplink.addVideo(chunk);
          this.checkBound();
        },
      });
    } catch (err) {
      const reason = err instanceof CaptureError ? err.reason : 'failed';
      this.state = 'ready';
      this.showMessage(t(CAPTURE_MESSAGES[reason], { message: (err as Error).message }));
      return this.render();
    }
    this.uplink.start(this.view.kindVideo.checked ? 'video' : 'audio', this.assignmentId);
    this.showPreview(this.view.kindVideo.checked ? this.capture.stream : null);
    this.state = 'recording';
    this.render();
  }

  private showPreview(stream: MediaStream | null): void {
    const { preview } = this.view;
    preview.srcObject = stream;
    preview.hidden = stream === null;
    if (stream) void preview.play().catch(() => undefined);
  }

  private onPcm(pcm: Uint8Array, peak: number): void {
    this.debugPcm?.push(pcm);
    this.clips.add(pcm);
    this.uplink.addAudio(pcm);
    this.view.meter.value = peak;
    this.checkBound();
    this.render();
  }

  /**
   * The outbox reached its bound (the link or storage has been down for long): capturing stops before
   * the tab runs out of memory, as a pause, with a message and a code. Everything captured is kept and
   * goes to the server once the link is back; Resume works again when storage has taken some of it.
   */
  private checkBound(): void {
    if (this.state !== 'recording' || !this.uplink.full) return;
    this.pauseCapture();
    this.heldForSpace = true;
    this.showMessage(t('outboxFull', { code: OUTBOX_FULL }));
    this.render();
  }

  private onConfirmed(): void {
    if (this.heldForSpace && !this.uplink.full) {
      this.heldForSpace = false;
      this.showMessage(t('outboxDrained'));
    }
    this.render();
  }

  private pauseCapture(): void {
    this.capture?.pause();
    this.uplink.pause();
    this.clips.seal();
    this.state = 'paused';
    this.view.meter.value = 0;
  }

  private togglePause(): void {
    if (this.state === 'recording') {
      this.pauseCapture();
    } else if (this.state === 'paused' && !this.heldForSpace) {
      this.player.pause();
      this.capture?.resume();
      this.state = 'recording';
    }
    this.render();
  }

  private async stop(): Promise<void> {
    if (this.state !== 'recording' && this.state !== 'paused') return;
    this.state = 'stopping';
    this.clips.seal();
    this.render();
    await this.releaseDevices();
    this.uplink.stop();
  }

  private async releaseDevices(): Promise<void> {
    const capture = this.capture;
    this.capture = undefined;
    this.view.meter.value = 0;
    this.showPreview(null);
    await capture?.stop();
  }

  private onFinished(recording: RecordingFinished): void {
    this.lastRecording = recording;
    this.lastCounters = { ...this.uplink.counters };
    this.uplink.close();
    this.state = 'finished';
    this.showResult(recording);
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

  /** The saved length, and for a signed-in teacher a link to the recording in the admin page. */
  private showResult(recording: RecordingFinished): void {
    const time = formatTime(recording.durationMs);
    const length = t('savedLength', { time, segments: recording.takeCount });
    const next = this.assignmentId
      ? el('p', { textContent: t('savedForTeacher') })
      : el('a', {
          href: `/#/recordings/${encodeURIComponent(recording.recordingId)}`,
          textContent: t('finishedLink'),
        });
    this.view.result.replaceChildren(
      el('h2', { textContent: t('saved') }),
      el('p', { className: 'saved-length', textContent: length }),
      next,
    );
    this.view.result.hidden = false;
  }

  private renderSegments(): void {
    const { clips } = this.clips;
    const playable = this.state !== 'recording' && this.state !== 'opening';
    this.view.segments.hidden = clips.length === 0;
    const rows = clips.map((clip, i) => {
      const play = el('button', { className: 'btn btn-small', textContent: t('play'), disabled: !playable });
      play.dataset.test = 'segment-play';
      play.setAttribute('aria-label', t('playSegment', { n: i + 1 }));
      play.onclick = () => {
        this.player.src = clip.url;
        void this.player.play();
      };
      const name = el('span', {
        textContent: `${t('segment', { n: i + 1 })} · ${formatTime(clip.durationMs)}`,
      });
      return el('li', { className: 'segment' }, name, play);
    });
    if (rows.length !== this.view.segmentList.children.length || playable !== this.segmentsPlayable) {
      this.view.segmentList.replaceChildren(...rows);
      this.segmentsPlayable = playable;
    }
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
    this.renderControls();
    this.renderStatus();
    this.renderSegments();
    document.body.dataset.state = this.state;
  }

  /** One large control (record, then pause / resume) and a separate stop while a recording is live. */
  private renderControls(): void {
    const { view, state } = this;
    // Read before anything is hidden: Chromium moves focus off a hidden element as soon as it is asked.
    const focused = document.activeElement;
    const live = state === 'recording' || state === 'paused';
    view.record.hidden = live || state === 'stopping';
    view.record.disabled = state !== 'ready';
    view.pause.hidden = !live;
    view.pause.textContent = state === 'paused' ? t('resume') : t('pause');
    view.pause.classList.toggle('is-paused', state === 'paused');
    view.pause.disabled = this.heldForSpace;
    view.stop.hidden = !live;
    this.keepFocus(focused);
    view.kindVideo.disabled = state !== 'ready';
    view.elapsed.textContent = formatTime((this.uplink.counters.audioBytes / 32000) * 1000);
  }

  /**
   * A keyboard user whose button just disappeared (record → pause, stop → record) lands on the big button
   * again as soon as there is one to press, instead of at the top of the page.
   */
  private keepFocus(focused: Element | null): void {
    const { record, pause, stop } = this.view;
    const lost = [record, pause, stop].some(
      (button) => button === focused && (button.hidden || button.disabled),
    );
    if (lost) this.focusPending = true;
    const next = pause.hidden ? record : pause;
    if (this.focusPending && !next.hidden && !next.disabled) {
      next.focus();
      this.focusPending = false;
    }
  }

  private allStored(): boolean {
    return this.uplink.counters.confirmedAudio >= this.uplink.outbox.audioEnd;
  }

  private renderStatus(): void {
    const time = formatTime((this.uplink.counters.audioBytes / 32000) * 1000);
    const statusKey: Partial<Record<PageState, string>> = {
      connecting: t('connecting'),
      ready: t('connected', { id: this.connectionId }),
      opening: t('opening'),
      recording: t('recording', { time }),
      // "Saved" only once cloud storage holds everything up to the pause.
      paused: t(this.allStored() ? 'paused' : 'pausedSaving', { time }),
      stopping: t('stopping'),
    };
    this.setStatus(this.offline ? t('reconnecting') : (statusKey[this.state] ?? ''));
    const connection = this.offline
      ? 'reconnecting'
      : this.state === 'connecting'
        ? 'connecting'
        : 'connected';
    this.view.status.dataset.connection = this.state === 'blocked' ? 'blocked' : connection;
  }
}
