import { RecorderError } from './errors';
import type { RecordingEntry, SegmentEntry } from './journal-types';
import type { SessionState } from './state-machine';

export interface SessionSnapshot {
  recordingId: string;
  state: SessionState;
  elapsedMs: number;
  /** Set when the session ended in `error`. */
  error?: string;
}

export type BusEvent =
  | { type: 'session'; session: SessionSnapshot }
  | { type: 'level'; recordingId: string; level: number }
  | { type: 'segment'; recordingId: string; segment: SegmentEntry }
  | { type: 'recording'; recording: RecordingEntry };

export type BusListener = (event: BusEvent) => void;

/**
 * The resource control bus: grants the microphone to one recording at a time, app-wide, and carries every
 * local and server state change to whichever pages listen.
 */
export class RecorderBus {
  private holder: string | undefined;
  private readonly listeners = new Set<BusListener>();

  get busyWith(): string | undefined {
    return this.holder;
  }

  /** Refuses (CONFLICT, with a message a student can act on) while another recording holds the microphone. */
  assertFree(recordingId?: string): void {
    if (this.holder !== undefined && this.holder !== recordingId) {
      throw new RecorderError(
        'CONFLICT',
        'Another recording is in progress; stop it before starting a new one',
        false,
        'busy',
      );
    }
  }

  acquire(recordingId: string): void {
    this.assertFree(recordingId);
    this.holder = recordingId;
  }

  release(recordingId: string): void {
    if (this.holder === recordingId) this.holder = undefined;
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: BusEvent): void {
    // A page that throws must not stop the others (or the recorder) from hearing the event.
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (err) {
        console.error('[recorder bus] listener failed', err);
      }
    }
  }
}
