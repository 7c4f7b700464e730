import type { AssignmentView, GetAssignmentRequest } from '../../typings/functions';
import type { BusEvent, SessionSnapshot } from '../recorder/bus';
import type { RecorderCore } from '../recorder/core';
import type { RecordingEntry } from '../recorder/journal-types';
import { errorText, t, type StringKey } from '../strings';
import { formatDuration } from './format';
import { controlsFor, initialRecordData, type RecordViewData } from './record-data';
import { recordingOutcome } from './recording-outcome';
import { segmentRow } from './segment-row';

export type Render = (patch: Partial<RecordViewData>) => void;

/**
 * The record page's logic, kept out of Page() so tests reach it: it turns taps into recorder calls and
 * bus events into view data. Every failure lands in `notice`, never in a silent catch.
 */
export class RecordController {
  private recordingId: string | undefined;
  private assignmentId: string | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly core: RecorderCore,
    private readonly render: Render,
  ) {}

  /** Page onLoad: profile, assignment prompt, and whatever recording is live or still uploading. */
  async load(assignmentId?: string): Promise<void> {
    this.assignmentId = assignmentId || undefined;
    this.render(initialRecordData());
    this.unsubscribe = this.core.bus.subscribe((event) => this.onBusEvent(event));
    this.showRecording(this.core.session?.recordingId ?? this.latestUnfinished()?.recordingId);
    if (this.core.session) this.showSession(this.core.session.snapshot());
    await Promise.all([this.guard(() => this.loadProfile()), this.guard(() => this.loadAssignment())]);
  }

  dispose(): void {
    this.unsubscribe?.();
    this.core.player.stop();
  }

  async saveProfile(name: string, className: string): Promise<void> {
    await this.guard(async () => {
      await this.core.identity.saveProfile(name, className);
      this.render({ needsProfile: false, notice: '' });
    });
  }

  async record(): Promise<void> {
    await this.guard(async () => {
      const session = await this.core.startRecording(this.assignmentId);
      this.showRecording(session.recordingId);
      this.render({ notice: '' });
    });
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

  retry(seq: number): void {
    const recordingId = this.recordingId;
    if (recordingId) void this.guard(() => this.core.retrySegment(recordingId, seq));
  }

  async playSegment(seq: number): Promise<void> {
    await this.guard(async () => {
      const entry = this.currentEntry();
      const segment = entry?.segments.find((s) => s.seq === seq);
      if (entry && segment)
        this.core.player.play([await this.core.playback.segment(entry.recordingId, segment)]);
    });
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
    this.render({
      state: session.state,
      stateText: t(`state.${session.state}` as StringKey),
      elapsed: formatDuration(session.elapsedMs),
      ...controlsFor(session.state),
      ...(session.error ? { notice: session.error } : {}),
      ...(session.state === 'recording' ? {} : { level: 0 }),
    });
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
      canPlayAll: entry !== undefined && entry.segments.some((s) => s.local === 'sealed'),
      outcome: recordingOutcome(entry),
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
      this.render({ notice: errorText(err) });
    }
  }
}
