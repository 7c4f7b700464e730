import { messageOf } from './errors';
import type { JournalPublisher } from './journal-publisher';
import type { RecordingEntry } from './journal-types';
import type { SegmentFiles } from './segment-files';
import { sealSegment } from './segment-sealer';

/**
 * On launch, before anything records: a recording the app was killed in the middle of has its open
 * segment sealed from the frames already on disk (all but the last moment) and goes on to finalize;
 * retries waiting for a backoff run at once, because a relaunch is the student asking for progress.
 */
export function recoverJournal(log: JournalPublisher, files: SegmentFiles, now: number): void {
  for (const entry of log.journal.list()) {
    try {
      recoverUnsealed(log, files, entry);
    } catch (err) {
      // Sealing writes in place and needs no space; this is wx storage refusing the journal write. The
      // audio stays on disk under its `writing` entry, and the next launch tries again.
      console.error('[recorder] could not recover', entry.recordingId, messageOf(err));
    }
  }
  expediteRetries(log, now);
}

/** Scheduled retries run now: on a relaunch or when the network comes back, waiting helps no one. */
export function expediteRetries(log: JournalPublisher, now: number): void {
  for (const entry of log.journal.list()) {
    for (const segment of entry.segments) {
      if (segment.nextAttemptAt === undefined || segment.nextAttemptAt <= now) continue;
      log.updateSegment(entry.recordingId, segment.seq, (s) => {
        s.nextAttemptAt = now;
      });
    }
    if (entry.finalize.nextAttemptAt !== undefined && entry.finalize.nextAttemptAt > now) {
      log.updateRecording(entry.recordingId, (draft) => {
        draft.finalize.nextAttemptAt = now;
      });
    }
  }
}

/** Seals segments left `writing` (killed mid-segment). */
function recoverUnsealed(log: JournalPublisher, files: SegmentFiles, entry: RecordingEntry): void {
  for (const segment of entry.segments.filter((s) => s.local === 'writing')) {
    // A kill ended the take (and, unless the student records again, the recording): `stop`.
    sealSegment(log, files, entry.recordingId, segment.seq, 'stop');
  }
  if (entry.phase !== 'recording') return;
  const current = log.journal.get(entry.recordingId);
  if (current && current.segments.length === 0) {
    log.journal.remove(entry.recordingId);
    return;
  }
  log.updateRecording(entry.recordingId, (draft) => {
    draft.phase = 'finalizing';
  });
}
