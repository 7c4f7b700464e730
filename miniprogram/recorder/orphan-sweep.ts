import type { Journal } from './journal';
import type { SegmentFiles } from './segment-files';

/**
 * On launch, after recovery: audio files no journal entry points at are removed. They are what a kill
 * left between a journal write and the file operation it announced (the MP3 confirmed but the WAV not
 * yet deleted; a segment dropped as empty but its files not yet gone; a WAV written before the seal was
 * journaled, which recovery has just sealed again from the PCM).
 */
export function sweepOrphanFiles(journal: Journal, files: SegmentFiles): string[] {
  const removed: string[] = [];
  for (const recordingId of files.recordingsOnDisk()) {
    const entry = journal.get(recordingId);
    const kept = new Set(entry?.segments.map((s) => s.localFile).filter((f) => f !== undefined));
    for (const file of files.filesOf(recordingId)) {
      if (kept.has(file)) continue;
      files.removeIfPresent(file);
      removed.push(file);
    }
  }
  return removed;
}
