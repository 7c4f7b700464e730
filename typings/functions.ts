/** Cloud function names and payloads: part of the contract between the Mini Program, browser recorder and cloud. */
import type { Static } from '@sinclair/typebox';
import type { RecordingDoc, RecordingStatus, SegmentDoc } from './documents';
// Request types come from their schemas (typings/schemas/functions.ts), which the server checks them against.
import type * as schemas from './schemas/functions';

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

export type IngestSegmentRequest = Static<typeof schemas.IngestSegmentRequestSchema>;

export interface IngestSegmentResponse {
  recordingId: string;
  seq: number;
  status: SegmentDoc['status'];
  mp3FileID: string;
  durationMs: number;
}

export type FinalizeRecordingRequest = Static<typeof schemas.FinalizeRecordingRequestSchema>;

export interface FinalizeRecordingResponse {
  recordingId: string;
  status: RecordingStatus;
  durationMs: number;
  fullMp3FileID?: string;
  missingSeqs?: number[];
}

export type GetRecordingsRequest = Static<typeof schemas.GetRecordingsRequestSchema>;

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

export type GetPlaybackUrlsRequest = Static<typeof schemas.GetPlaybackUrlsRequestSchema>;

export interface GetPlaybackUrlsResponse {
  recordingId: string;
  fullMp3Url?: string;
  segments: Array<{ seq: number; mp3Url: string }>;
}

export type SaveStudentProfileRequest = Static<typeof schemas.SaveStudentProfileRequestSchema>;

export interface StudentProfile {
  name: string;
  className: string;
}

export interface GetStudentProfileResponse {
  profile: StudentProfile | null;
}

export type GetAssignmentRequest = Static<typeof schemas.GetAssignmentRequestSchema>;

export interface AssignmentView {
  _id: string;
  title: string;
  prompt: string;
  maxDurationSec: number;
  dueAt?: Date;
}

export type DeleteRecordingRequest = Static<typeof schemas.DeleteRecordingRequestSchema>;

export interface DeleteRecordingResponse {
  recordingId: string;
  /** False when there was nothing left to delete (a repeat of a delete that already finished). */
  deleted: boolean;
  deletedFiles: number;
}
