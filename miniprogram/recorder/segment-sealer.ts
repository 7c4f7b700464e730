import type { SegmentCut } from '../../typings/documents';
import type { JournalPublisher } from './journal-publisher';
import type { SegmentEntry } from './journal-types';
import type { SegmentFiles } from './segment-files';

/**
 * Opens a segment: journal first (so a kill leaves a `writing` entry pointing at the file), then the file.
 * When the file cannot be made (the phone's storage is full), the entry is taken back: no segment is left
 * `writing` with no file behind it.
 */
export function openSegment(
  log: JournalPublisher,
  files: SegmentFiles,
  recordingId: string,
  seq: number,
): string {
  log.updateRecording(recordingId, (entry) => {
    entry.segments.push({
      seq,
      local: 'writing',
      upload: 'pending',
      server: 'pending',
      localFile: files.wavFile(recordingId, seq),
      durationMs: 0,
      bytes: 0,
      attempts: 0,
    });
  });
  try {
    return files.open(recordingId, seq);
  } catch (err) {
    dropSegment(log, files, recordingId, seq);
    throw err;
  }
}

function dropSegment(log: JournalPublisher, files: SegmentFiles, recordingId: string, seq: number): void {
  log.updateRecording(recordingId, (draft) => {
    draft.segments = draft.segments.filter((s) => s.seq !== seq);
  });
  files.removeIfPresent(files.wavFile(recordingId, seq));
}

/**
 * Seals a `writing` segment: its WAV header written in place (`SegmentFiles.seal`), then the journal says
 * `sealed`. A segment with no audio is dropped instead (a pause right after resume records nothing).
 * Used by the live session (every pause and every automatic cut) and by recovery after a kill, so all of
 * them leave the same state behind; `cut` records why the segment ended.
 */
export function sealSegment(
  log: JournalPublisher,
  files: SegmentFiles,
  recordingId: string,
  seq: number,
  cut: SegmentCut,
): SegmentEntry | undefined {
  const entry = log.journal.get(recordingId);
  const writing = entry?.segments.find((s) => s.seq === seq);
  if (!entry || !writing) return undefined;
  const wavFile = files.wavFile(recordingId, seq);
  const localFile = writing.localFile ?? wavFile;
  const sealed = files.seal(localFile, wavFile, entry.sampleRate, entry.channels);
  if (sealed.durationMs === 0) {
    dropSegment(log, files, recordingId, seq);
    files.removeIfPresent(localFile);
    return undefined;
  }
  const segment = log.updateSegment(recordingId, seq, (s) => {
    s.local = 'sealed';
    s.localFile = sealed.wavFile;
    s.durationMs = sealed.durationMs;
    s.bytes = sealed.bytes;
    s.cut = cut;
  });
  // An older app's PCM, now copied into the WAV.
  if (localFile !== wavFile) files.removeIfPresent(localFile);
  return segment;
}
