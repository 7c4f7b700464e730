import type { RecorderBus } from './bus';
import type { Journal } from './journal';
import type { RecordingEntry, SegmentEntry } from './journal-types';

/** Writes the journal, then tells the pages: every state change reaches both, always in that order. */
export class JournalPublisher {
  constructor(
    readonly journal: Journal,
    private readonly bus: RecorderBus,
  ) {}

  create(entry: RecordingEntry): void {
    this.journal.create(entry);
    this.bus.publish({ type: 'recording', recording: entry });
  }

  updateRecording(recordingId: string, change: (entry: RecordingEntry) => void): RecordingEntry {
    const entry = this.journal.update(recordingId, change);
    this.bus.publish({ type: 'recording', recording: entry });
    return entry;
  }

  updateSegment(recordingId: string, seq: number, change: (segment: SegmentEntry) => void): SegmentEntry {
    const segment = this.journal.updateSegment(recordingId, seq, change);
    this.bus.publish({ type: 'segment', recordingId, segment });
    return segment;
  }
}
