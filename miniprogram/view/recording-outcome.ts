import type { RecordingEntry } from '../recorder/journal-types';
import { finalizeBlocked } from '../recorder/work-status';
import { t } from '../strings';

/** Before the server answered: joining, retrying by itself (its last error), or waiting for the retry tap. */
function pendingOutcome(entry: RecordingEntry): string {
  if (finalizeBlocked(entry)) return t('recording.failed-retry');
  return entry.finalize.lastError ? entry.finalize.lastError.message : t('recording.finalizing');
}

/** One line about the recording as a whole: still recording, joining, ready, or what is missing. */
export function recordingOutcome(entry: RecordingEntry | undefined): string {
  if (!entry || entry.phase === 'recording') return '';
  const result = entry.finalize.result;
  if (!result) return pendingOutcome(entry);
  if (result.status === 'partial')
    return t('recording.partial', { missing: (result.missingSeqs ?? []).map((s) => s + 1).join(', ') });
  if (result.status === 'ready' || result.status === 'failed') return t(`recording.${result.status}`);
  return t('recording.finalizing');
}
