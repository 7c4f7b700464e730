/** Who may touch what: the caller's id comes from the platform, and a file must lie under it. */
import { AppError, ErrorCode } from '../../typings/errors';
import type { RecordingDoc } from '../../typings/documents';
import { cloudPathOf, recordingPrefix, segmentWavPath } from '../../typings/paths';

export function requireOwnerId(ownerId: string | undefined): string {
  if (!ownerId || !/^[A-Za-z0-9_-]{1,128}$/.test(ownerId)) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'the caller has no verified identity');
  }
  return ownerId;
}

/** The segment file must be `recordings/{caller}/{recordingId}/{seq}.wav`; anything else is refused. */
export function requireOwnSegmentFile(
  ownerId: string,
  recordingId: string,
  seq: number,
  fileID: string,
): void {
  const cloudPath = cloudPathOf(fileID);
  if (!cloudPath || !cloudPath.startsWith(recordingPrefix(ownerId, recordingId))) {
    throw new AppError(ErrorCode.NOT_OWNER, 'fileID does not lie under the caller’s recording folder');
  }
  if (cloudPath !== segmentWavPath(ownerId, recordingId, seq)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `fileID must name ${seq}.wav of this recording`);
  }
}

export function requireOwnRecording(recording: RecordingDoc | undefined, ownerId: string): RecordingDoc {
  // Another user's recording answers NOT_FOUND too: its existence is not the caller's business.
  if (!recording || recording._openid !== ownerId) {
    throw new AppError(ErrorCode.NOT_FOUND, 'no such recording');
  }
  return recording;
}
