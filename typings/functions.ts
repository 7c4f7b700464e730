/** Cloud function names and payloads: part of the contract between the Mini Program, browser recorder and cloud. */
import type { RecordingDoc, RecordingStatus, SegmentCut, SegmentDoc } from './documents';

export const FUNCTION_NAMES = {
  ingestSegment: 'ingestSegment',
  finalizeRecording: 'finalizeRecording',
  getRecordings: 'getRecordings',
  saveStudentProfile: 'saveStudentProfile',
  getStudentProfile: 'getStudentProfile',
  getAssignment: 'getAssignment',
  getPlaybackUrls: 'getPlaybackUrls',
  deleteRecording: 'deleteRecording',
  purgeRecordings: 'purgeRecordings',
} as const;
export type FunctionName = (typeof FUNCTION_NAMES)[keyof typeof FUNCTION_NAMES];

export interface IngestSegmentRequest {
  recordingId: string;
  seq: number;
  fileID: string;
  durationMs: number;
  sampleRate: number;
  channels: number;
  assignmentId?: string;
  /** Why the segment ended (see SegmentCut); optional so older clients still ingest. */
  cut?: SegmentCut;
}

export interface IngestSegmentResponse {
  recordingId: string;
  seq: number;
  status: SegmentDoc['status'];
  mp3FileID: string;
  durationMs: number;
}

export interface FinalizeRecordingRequest {
  recordingId: string;
  segmentCount: number;
}

export interface FinalizeRecordingResponse {
  recordingId: string;
  status: RecordingStatus;
  durationMs: number;
  fullMp3FileID?: string;
  missingSeqs?: number[];
}

export interface GetRecordingsRequest {
  recordingId?: string;
}

export interface SegmentView extends SegmentDoc {
  mp3Url?: string;
}

export interface RecordingView extends RecordingDoc {
  fullMp3Url?: string;
  segments: SegmentView[];
}

export interface GetRecordingsResponse {
  recordings: RecordingView[];
}

/**
 * Temporary URLs for the caller's own recording, signed on the server: under the owner-only storage rule
 * a student cannot read files a cloud function wrote (converted segments, the full MP3) through the client.
 */
export interface GetPlaybackUrlsRequest {
  recordingId: string;
  /** Only these segments (default: every converted one). */
  seqs?: number[];
}

export interface GetPlaybackUrlsResponse {
  recordingId: string;
  fullMp3Url?: string;
  segments: Array<{ seq: number; mp3Url: string }>;
}

export interface SaveStudentProfileRequest {
  name: string;
  className: string;
}

export interface StudentProfile {
  name: string;
  className: string;
}

export interface GetStudentProfileResponse {
  profile: StudentProfile | null;
}

export interface GetAssignmentRequest {
  assignmentId: string;
}

export interface AssignmentView {
  _id: string;
  title: string;
  prompt: string;
  maxDurationSec: number;
  dueAt?: Date;
}

export interface DeleteRecordingRequest {
  recordingId: string;
}

export interface DeleteRecordingResponse {
  recordingId: string;
  /** False when there was nothing left to delete (a repeat of a delete that already finished). */
  deleted: boolean;
  deletedFiles: number;
}
