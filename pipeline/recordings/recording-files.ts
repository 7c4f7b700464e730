/**
 * Every file a recording can own in storage, by fileID. CloudBase storage cannot be listed by folder from
 * the SDKs, so the list is derived from the documents and the path contract (typings/paths.ts): each seq
 * the recording ever counted has a WAV, an MP3 and a chain piece path, whether or not the file landed.
 * Deleting a fileID that does not exist is harmless, so the list may name more than exists.
 */
import {
  videoPartPath,
  videoWebmPath,
  type BrowserRecordingFields,
  type SealedVideoPart,
} from '../../typings/browser-recorder';
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

/** How far a recording got: seqs counted and (browser recordings) video parts sealed. */
export interface RecordingExtent {
  seqCount: number;
  videoPartCount: number;
}

/**
 * Every path the contract gives a recording of this extent (each seq's WAV, chain piece and MP3, each
 * video part, full.mp3, video.webm), as fileIDs next to `known`; none when no fileID of it is known.
 */
export function contractFileIDs(
  known: string | undefined,
  ownerId: string,
  recordingId: string,
  extent: RecordingExtent,
): string[] {
  const paths: string[] = [fullMp3Path(ownerId, recordingId), videoWebmPath(ownerId, recordingId)];
  for (let seq = 0; seq < extent.seqCount; seq++) {
    for (const pathOf of [segmentWavPath, segmentChainPath, segmentMp3Path])
      paths.push(pathOf(ownerId, recordingId, seq));
  }
  for (let part = 0; part < extent.videoPartCount; part++)
    paths.push(videoPartPath(ownerId, recordingId, part));
  return paths.map((cloudPath) => siblingFileId(known, cloudPath)).filter((id): id is string => !!id);
}

/**
 * Everything: sources, segment MP3s, full.mp3, and a browser recording's video and video parts (every
 * part its recorder state sealed: in storage, on its way, or left because the video could not be joined).
 */
export function allFileIDs(
  recording: RecordingDoc,
  segments: SegmentDoc[],
  videoParts: readonly SealedVideoPart[] = [],
): string[] {
  const known = knownFileIdOf(recording, segments) ?? videoParts.find((part) => part.fileID)?.fileID;
  const video = (recording as RecordingDoc & BrowserRecordingFields).videoFileID;
  const extent = { seqCount: seqCount(recording, segments), videoPartCount: videoParts.length };
  const ids = [
    ...contractFileIDs(known, recording._openid, recording._id, extent),
    ...segments.map((s) => s.sourceFileID),
    ...segments.map((s) => s.mp3FileID),
    ...videoParts.map((part) => part.fileID),
    recording.fullMp3FileID,
    video,
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}
