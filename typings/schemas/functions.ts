/**
 * One schema per cloud function request (the Mini Program and the browser recorder send these). The types
 * in typings/functions.ts are derived from them, and pipeline code checks every event against them.
 */
import { Type } from '@sinclair/typebox';
import { SUPPORTED_SAMPLE_RATES } from '../audio';
import { SEGMENT_CUTS } from '../documents';
import { Int, OneOf, RecordingId, ShortId, Text } from './fields';

/** 600 s per segment at most (the platform cap) means far fewer than this many segments per hour. */
export const MAX_SEGMENTS = 1000;

const SegmentSeq = Int(0, MAX_SEGMENTS - 1);

export const IngestSegmentRequestSchema = Type.Object({
  recordingId: RecordingId,
  seq: SegmentSeq,
  fileID: Type.String({ pattern: '^cloud://', maxLength: 1024, description: 'a cloud:// file ID' }),
  durationMs: Int(0, 3_600_000),
  sampleRate: OneOf(SUPPORTED_SAMPLE_RATES),
  channels: Int(1, 2),
  assignmentId: Type.Optional(ShortId),
  /** Why the segment ended; optional so older clients still ingest. */
  cut: Type.Optional(OneOf(SEGMENT_CUTS)),
});

export const FinalizeRecordingRequestSchema = Type.Object({
  recordingId: RecordingId,
  segmentCount: Int(1, MAX_SEGMENTS),
});

export const GetRecordingsRequestSchema = Type.Object({ recordingId: Type.Optional(RecordingId) });

/**
 * Temporary URLs for the caller's own recording, signed on the server: under the owner-only storage rule
 * a student cannot read files a cloud function wrote (converted segments, the full MP3) through the client.
 */
export const GetPlaybackUrlsRequestSchema = Type.Object({
  recordingId: RecordingId,
  /** Only these segments (default: every converted one). */
  seqs: Type.Optional(Type.Array(SegmentSeq, { maxItems: MAX_SEGMENTS })),
});

export const SaveStudentProfileRequestSchema = Type.Object({ name: Text(40), className: Text(40) });

export const GetAssignmentRequestSchema = Type.Object({ assignmentId: ShortId });

export const DeleteRecordingRequestSchema = Type.Object({ recordingId: RecordingId });
