import type { RecordingEntry, SegmentEntry } from './journal-types';

/** A failure that waits for the student's retry tap (not retryable, or out of automatic attempts). */
export function isBlocked(item: { nextAttemptAt?: number; lastError?: unknown }, failed: boolean): boolean {
  return failed && item.lastError !== undefined && item.nextAttemptAt === undefined;
}

export function segmentBlocked(segment: SegmentEntry): boolean {
  return isBlocked(segment, segment.upload === 'failed' || segment.server === 'failed');
}

/** Sealed audio the server has not confirmed as MP3, and not waiting for a manual retry. */
export function segmentNeedsWork(segment: SegmentEntry): boolean {
  return segment.local === 'sealed' && segment.server !== 'converted' && !segmentBlocked(segment);
}

/** Upload lane work; everything else a segment needs is the server's. */
export function needsUpload(segment: SegmentEntry): boolean {
  return segment.upload !== 'uploaded' || segment.fileID === undefined;
}

export function finalizeBlocked(entry: RecordingEntry): boolean {
  return isBlocked(entry.finalize, entry.finalize.result === undefined);
}

/** Stopped, every segment settled one way or the other, and the server not yet asked (or asked again). */
export function finalizeNeedsWork(entry: RecordingEntry): boolean {
  return (
    entry.phase === 'finalizing' &&
    !entry.segments.some((s) => s.local === 'writing' || segmentNeedsWork(s)) &&
    entry.finalize.result === undefined &&
    !finalizeBlocked(entry)
  );
}

/** Nothing more will happen for this recording without the student. */
export function recordingSettled(entry: RecordingEntry): boolean {
  return entry.phase === 'finalized' || (entry.phase === 'finalizing' && finalizeBlocked(entry));
}

export function readyAt(item: { nextAttemptAt?: number }): number {
  return item.nextAttemptAt ?? 0;
}
