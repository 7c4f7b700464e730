/** Milestones a stored journal value records, as `recordingId:seq:milestone` strings (for milestone kills). */
import type { RecordingEntry } from '../miniprogram/recorder/journal-types';
import type { Milestone } from './schedule';

function parse(raw: unknown): RecordingEntry | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const value = JSON.parse(raw) as Partial<RecordingEntry>;
    return Array.isArray(value.segments) && typeof value.recordingId === 'string'
      ? (value as RecordingEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

const SEGMENT_TEST: Record<
  Exclude<Milestone, 'finalized'>,
  (s: RecordingEntry['segments'][number]) => boolean
> = {
  sealed: (s) => s.local === 'sealed',
  uploading: (s) => s.upload === 'uploading',
  uploaded: (s) => s.upload === 'uploaded',
  converted: (s) => s.server === 'converted',
};

export function milestonesOf(raw: unknown, milestone: Milestone): string[] {
  const entry = parse(raw);
  if (!entry) return [];
  if (milestone === 'finalized') return entry.phase === 'finalized' ? [`${entry.recordingId}:finalized`] : [];
  const test = SEGMENT_TEST[milestone];
  return entry.segments.filter(test).map((s) => `${entry.recordingId}:${s.seq}:${milestone}`);
}
