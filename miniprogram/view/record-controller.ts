import type { AssignmentView, GetAssignmentRequest } from '../../typings/functions';
import type { BusEvent, SessionSnapshot } from '../recorder/bus';
import type { RecorderCore } from '../recorder/core';
import type { RecordingEntry } from '../recorder/journal-types';
import { STORAGE_FULL } from '../recorder/errors';
import { MicBlockedError, micBlockOf } from '../recorder/mic-access';
import { finalizeBlocked } from '../recorder/work-status';
import { errorText, t, type StringKey } from '../strings';
import { formatDuration } from './format';
import { loadFailureView } from './load-failure';
import { NO_MIC_BLOCK, micBlockView } from './mic-block';
import { controlsFor, initialRecordData, type RecordViewData } from './record-data';
import { recordingOutcome } from './recording-outcome';
import { segmentRow } from './segment-row';
import { takeRows, takeSegments } from './take-row';

export type Render = (patch: Partial<RecordViewData>) => void;

/**
 * The record page's logic, kept out of Page() so tests reach it: it turns taps into recorder calls and
 * bus events into view data. Every failure lands in `notice`, never in a silent catch.
 */
export class RecordController {
  private recordingId: string | undefined;
  private assignmentId: string | undefined;
  private unsubscribe: (() => void) | undefined;
  private unsubscribeSheet: (() => void) | undefined;
  /** A start is on its way (the agreement sheet or the system prompt may be up): a second tap waits. */
  private starting = false;

  constructor(
    private readonly core: RecorderCore,
    private readonly render: Render,
  ) {}

  /** Page onLoad: profile, assignment prompt, and whatever recording is live or still uploading. */
  async load(assignmentId?: string): Promise<void> {
    this.assignmentId = assignmentId || undefined;
    this.render(initialRecordData());
    this.unsubscribe = this.core.bus.subscribe((event) => this.onBusEvent(event));
    this.unsubscribeSheet = this.core.mic.onSheet((open) => this.render({ privacySheet: open }));
    this.render({ privacySheet: this.core.mic.sheetOpen });
    this.showRecording(this.core.session?.recordingId ?? this.latestUnfinished()?.recordingId);
    if (this.core.session) this.showSession(this.core.session.snapshot());
    await this.loadDetails();
  }

  /** The retry button of a load that failed on the way: nothing retries a page load by itself. */
  async retryLoad(): Promise<void> {
    this.render({ canRetryLoad: false });
    await this.loadDetails();
  }

  /** The profile and the assignment prompt; a failure the network may fix offers the retry button. */
  private async loadDetails(): Promise<void> {
    try {
      await Promise.all([this.loadProfile(), this.loadAssignment()]);
    } catch (err) {
      this.render(loadFailureView(err));
    }
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribeSheet?.();
    this.core.player.stop();
  }

  async saveProfile(name: string, className: string): Promise<void> {
    await this.guard(async () => {
      await this.core.identity.saveProfile(name, className);
      this.render({ needsProfile: false, notice: '' });
    });
  }

  /** Record: the privacy agreement and the permission first (asked here, at the tap), then the recorder. */
  async record(): Promise<void> {
    if (this.starting) return;
    this.starting = true;
    try {
      await this.guard(async () => {
        this.render({ notice: '', ...NO_MIC_BLOCK });
        const session = await this.core.startRecording(this.assignmentId);
        this.showRecording(session.recordingId);
      });
    } finally {
      this.starting = false;
    }
  }

  /** The agree button's `bindagreeprivacyauthorization`: WeChat has recorded the tap; the start goes on. */
  agreePrivacy(): void {
    this.core.mic.agreePrivacy();
  }

  refusePrivacy(): void {
    this.core.mic.refusePrivacy();
  }

  async openPrivacyContract(): Promise<void> {
    await this.guard(() => this.core.mic.openPrivacyContract());
  }

  /** WeChat's settings page; back with the microphone on, the recording starts at once. */
  async openSettings(): Promise<void> {
    await this.guard(async () => {
      const permission = await this.core.mic.openSettings();
      if (permission !== 'granted') return this.render(micBlockView('denied', true));
      this.render(NO_MIC_BLOCK);
      await this.record();
    });
  }

  retryFinalize(): void {
    const recordingId = this.recordingId;
    if (recordingId) void this.guard(() => this.core.retryFinalize(recordingId));
  }

  pause(): void {
    void this.guard(() => this.core.session?.pause());
  }

  resume(): void {
    void this.guard(() => this.core.session?.resume());
  }

  /** Stops, then waits for the queue and finalize; the outcome line follows the journal as it goes. */
  async stop(): Promise<void> {
    await this.guard(async () => {
      const session = this.core.session;
      if (!session) return;
      session.stop();
      const entry = await this.core.whenSettled(session.recordingId);
      this.render({ outcome: recordingOutcome(entry) });
    });
  }

  /** The retry tap on a take: every segment of it that is waiting for the student goes again. */
  retry(takeSeq: number): void {
    const recordingId = this.recordingId;
    const failed = this.takeOf(takeSeq).filter((s) => s.upload === 'failed' || s.server === 'failed');
    if (recordingId) void this.guard(() => failed.forEach((s) => this.core.retrySegment(recordingId, s.seq)));
  }

  /** Plays a take: its segments one after another (each from the phone while there, else its MP3). */
  async playTake(takeSeq: number): Promise<void> {
    await this.guard(async () => {
      const take = this.takeOf(takeSeq);
      const recordingId = this.recordingId;
      if (take.length === 0 || !recordingId) return;
      this.core.player.play(await Promise.all(take.map((s) => this.core.playback.segment(recordingId, s))));
    });
  }

  private takeOf(takeSeq: number) {
    return takeSegments(this.currentEntry()?.segments ?? [], takeSeq);
  }

  async playAll(): Promise<void> {
    await this.guard(async () => {
      const entry = this.currentEntry();
      if (entry) this.core.player.play(await this.core.playback.whole(entry));
    });
  }

  stopPlayback(): void {
    this.core.player.stop();
  }

  private async loadProfile(): Promise<void> {
    const profile = await this.core.identity.profile();
    this.render({ needsProfile: profile === null });
  }

  private async loadAssignment(): Promise<void> {
    if (!this.assignmentId) return;
    const request: GetAssignmentRequest = { assignmentId: this.assignmentId };
    const assignment = await this.core.call<AssignmentView>('getAssignment', request);
    this.render({ assignmentTitle: assignment.title, assignmentPrompt: assignment.prompt });
  }

  private onBusEvent(event: BusEvent): void {
    if (event.type === 'session') this.showSession(event.session);
    else if (event.type === 'level') this.showLevel(event.recordingId, event.level);
    else if (event.type === 'segment' && event.recordingId === this.recordingId)
      this.showRecording(this.recordingId);
    else if (event.type === 'recording' && event.recording.recordingId === this.recordingId)
      this.showRecording(this.recordingId);
  }

  private showSession(session: SessionSnapshot): void {
    if (session.recordingId !== this.recordingId) return;
    // A start the platform refused at a shut gate recorded nothing: the page reads as before the tap.
    const state = session.state === 'error' && micBlockOf(session.error ?? '') ? 'idle' : session.state;
    this.render({
      state,
      stateText: t(`state.${state}` as StringKey),
      elapsed: formatDuration(session.elapsedMs),
      ...controlsFor(state),
      ...this.sessionError(session.error),
      ...(session.state === 'recording' ? {} : { level: 0 }),
    });
  }

  /** A recorder refusal that is really a shut gate (revoked between check and start) reads as that gate. */
  private sessionError(error: string | undefined): Partial<RecordViewData> {
    if (!error) return {};
    if (error === STORAGE_FULL) return { notice: t('recording.storageFull') };
    const block = micBlockOf(error);
    return block ? micBlockView(block) : { notice: error };
  }

  private showLevel(recordingId: string, level: number): void {
    if (recordingId === this.recordingId) this.render({ level: Math.round(level * 100) });
  }

  private showRecording(recordingId: string | undefined): void {
    this.recordingId = recordingId;
    const entry = this.currentEntry();
    this.render({
      recordingId: recordingId ?? '',
      segments: entry ? entry.segments.map(segmentRow) : [],
      takes: entry ? takeRows(entry.segments) : [],
      canPlayAll: entry !== undefined && entry.segments.some((s) => s.local === 'sealed'),
      outcome: recordingOutcome(entry),
      canRetryFinalize: entry !== undefined && finalizeBlocked(entry),
    });
  }

  private currentEntry(): RecordingEntry | undefined {
    return this.recordingId ? this.core.journal.get(this.recordingId) : undefined;
  }

  private latestUnfinished(): RecordingEntry | undefined {
    return this.core
      .recordings()
      .filter((e) => e.phase !== 'finalized' || e.segments.some((s) => s.server !== 'converted'))
      .pop();
  }

  private async guard(work: () => unknown): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (err instanceof MicBlockedError) this.render(micBlockView(err.block));
      else this.render({ notice: errorText(err) });
    }
  }
}
