import type { SegmentCut } from '../../typings/documents';
import type { JournalPublisher } from './journal-publisher';
import type { SegmentEntry } from './journal-types';
import type { SegmentFiles } from './segment-files';

/**
 * Opens a segment: journal first (so a kill leaves a `writing` entry pointing at the file), then the file.
 */
export function openSegment(
  log: JournalPublisher,
  files: SegmentFiles,
  recordingId: string,
  seq: number,
): string {
  const pcmFile = files.pcmFile(recordingId, seq);
  log.updateRecording(recordingId, (entry) => {
    entry.segments.push({
      seq,
      local: 'writing',
      upload: 'pending',
      server: 'pending',
      localFile: pcmFile,
      durationMs: 0,
      bytes: 0,
      attempts: 0,
    });
  });
  return files.open(recordingId, seq);
}

/**
 * Seals a `writing` segment from its PCM file: WAV written, journal says `sealed`, then the PCM goes.
 * A segment with no audio is dropped instead (a pause right after resume records nothing).
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
  if (!entry) return undefined;
  const sealed = files.seal(recordingId, seq, entry.sampleRate, entry.channels);
  if (sealed.durationMs === 0) {
    log.updateRecording(recordingId, (draft) => {
      draft.segments = draft.segments.filter((s) => s.seq !== seq);
    });
    files.removeIfPresent(sealed.wavFile);
    files.discardPcm(recordingId, seq);
    return undefined;
  }
  const segment = log.updateSegment(recordingId, seq, (s) => {
    s.local = 'sealed';
    s.localFile = sealed.wavFile;
    s.durationMs = sealed.durationMs;
    s.bytes = sealed.bytes;
    s.cut = cut;
  });
  files.discardPcm(recordingId, seq);
  return segment;
}
