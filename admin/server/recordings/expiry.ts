/** When a recording will be deleted by retention (pipeline/recordings/retention.ts), for the admin page. */
import { defaultRetentionDays, expiryOf } from '../../../pipeline/recordings/retention';
import type { AssignmentDoc, RecordingDoc } from '../../../typings/documents';

/** Undefined when neither the assignment nor the deploy (RECORDING_RETENTION_DAYS) sets a retention. */
export function recordingExpiry(recording: RecordingDoc, assignment?: AssignmentDoc): Date | undefined {
  return expiryOf(recording.createdAt, assignment?.retentionDays ?? defaultRetentionDays());
}
