/**
 * Every file a recording can own in storage, by fileID. CloudBase storage cannot be listed by folder from
 * the SDKs, so the list is derived from the documents and the path contract (typings/paths.ts): each seq
 * the recording ever counted has a WAV, an MP3 and a chain piece path, whether or not the file landed.
 * Deleting a fileID that does not exist is harmless, so the list may name more than exists.
 */
import { videoWebmPath, type BrowserRecordingFields } from '../../typings/browser-recorder';
import type { RecordingDoc, SegmentDoc } from '../../typings/documents';
import { fullMp3Path, segmentChainPath, segmentMp3Path, segmentWavPath } from '../../typings/paths';

/** A file of this recording by its cloud path, in the env and bucket its other files already live in. */
export function siblingFileId(knownFileID: string | undefined, cloudPath: string): string | undefined {
  const prefix = knownFileID ? /^(cloud:\/\/[^/]+\/)/.exec(knownFileID)?.[1] : undefined;
  return prefix ? `${prefix}${cloudPath}` : undefined;
}

function knownFileIdOf(recording: RecordingDoc, segments: SegmentDoc[]): string | undefined {
  return recording.fullMp3FileID ?? segments.find((s) => s.sourceFileID)?.sourceFileID;
}

function seqCount(recording: RecordingDoc, segments: SegmentDoc[]): number {
  return segments.reduce((max, s) => Math.max(max, s.seq + 1), recording.segmentCount);
}

type PathOf = (ownerId: string, recordingId: string, seq: number) => string;

function perSeq(recording: RecordingDoc, segments: SegmentDoc[], paths: PathOf[]): string[] {
  const known = knownFileIdOf(recording, segments);
  const ids: string[] = [];
  for (let seq = 0; seq < seqCount(recording, segments); seq++) {
    for (const pathOf of paths) {
      const id = siblingFileId(known, pathOf(recording._openid, recording._id, seq));
      if (id) ids.push(id);
    }
  }
  return ids;
}

/** What only served to make full.mp3: source WAVs and chain pieces. */
export function sourceFileIDs(recording: RecordingDoc, segments: SegmentDoc[]): string[] {
  const ids = perSeq(recording, segments, [segmentWavPath, segmentChainPath]);
  return [...new Set([...ids, ...segments.map((s) => s.sourceFileID)])];
}

/** Everything: sources, segment MP3s, full.mp3 and a browser recording's video. */
export function allFileIDs(recording: RecordingDoc, segments: SegmentDoc[]): string[] {
  const known = knownFileIdOf(recording, segments);
  const video = (recording as RecordingDoc & BrowserRecordingFields).videoFileID;
  const whole = [fullMp3Path, videoWebmPath].map((pathOf) =>
    siblingFileId(known, pathOf(recording._openid, recording._id)),
  );
  const ids = [
    ...sourceFileIDs(recording, segments),
    ...perSeq(recording, segments, [segmentMp3Path]),
    ...segments.map((s) => s.mp3FileID),
    ...whole,
    recording.fullMp3FileID,
    video,
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}
