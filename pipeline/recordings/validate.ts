/** Request validation for the recording functions: every bad field is an INVALID_ARGUMENT naming it. */
import { AppError, ErrorCode } from '../../typings/errors';
import type {
  GetPlaybackUrlsRequest,
  FinalizeRecordingRequest,
  GetRecordingsRequest,
  IngestSegmentRequest,
} from '../../typings/functions';
import { SEGMENT_CUTS, type SegmentCut } from '../../typings/documents';
import { RECORDING_ID_PATTERN } from '../../typings/paths';

/** Sample rates RecorderManager can produce (miniprogram-api-typings RecorderManagerStartOption). */
export const SUPPORTED_SAMPLE_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
/** 600 s per segment at most (the platform cap) means far fewer than this many segments per hour. */
export const MAX_SEGMENTS = 1000;

type Fields = Record<string, unknown>;

function invalid(message: string): AppError {
  return new AppError(ErrorCode.INVALID_ARGUMENT, message);
}

function asObject(input: unknown): Fields {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('request must be an object');
  }
  return input as Fields;
}

export function requireRecordingId(value: unknown): string {
  if (typeof value !== 'string' || !RECORDING_ID_PATTERN.test(value)) {
    throw invalid('recordingId must be 16–64 URL-safe characters');
  }
  return value;
}

function requireInt(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function optionalId(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw invalid(`${name} must be up to 64 URL-safe characters`);
  }
  return value;
}

function optionalCut(value: unknown): SegmentCut | undefined {
  if (value === undefined || value === null) return undefined;
  const cut = SEGMENT_CUTS.find((known) => known === value);
  if (!cut) throw invalid(`cut must be one of ${SEGMENT_CUTS.join(', ')}`);
  return cut;
}

export function parseIngestRequest(input: unknown): IngestSegmentRequest {
  const f = asObject(input);
  if (typeof f.fileID !== 'string' || !f.fileID.startsWith('cloud://')) {
    throw invalid('fileID must be a cloud:// file ID');
  }
  const sampleRate = requireInt(f.sampleRate, 'sampleRate', 8000, 48000);
  if (!SUPPORTED_SAMPLE_RATES.includes(sampleRate)) {
    throw invalid(`sampleRate ${sampleRate} is not one RecorderManager records at`);
  }
  return {
    recordingId: requireRecordingId(f.recordingId),
    seq: requireInt(f.seq, 'seq', 0, MAX_SEGMENTS - 1),
    fileID: f.fileID,
    durationMs: requireInt(f.durationMs, 'durationMs', 0, 3_600_000),
    sampleRate,
    channels: requireInt(f.channels, 'channels', 1, 2),
    assignmentId: optionalId(f.assignmentId, 'assignmentId'),
    cut: optionalCut(f.cut),
  };
}

export function parseFinalizeRequest(input: unknown): FinalizeRecordingRequest {
  const f = asObject(input);
  return {
    recordingId: requireRecordingId(f.recordingId),
    segmentCount: requireInt(f.segmentCount, 'segmentCount', 1, MAX_SEGMENTS),
  };
}

export function parseGetRecordingsRequest(input: unknown): GetRecordingsRequest {
  const f = asObject(input ?? {});
  return f.recordingId === undefined ? {} : { recordingId: requireRecordingId(f.recordingId) };
}

export function parseGetPlaybackUrlsRequest(input: unknown): GetPlaybackUrlsRequest {
  const f = asObject(input);
  const recordingId = requireRecordingId(f.recordingId);
  if (f.seqs === undefined) return { recordingId };
  if (!Array.isArray(f.seqs) || f.seqs.length > MAX_SEGMENTS) {
    throw invalid(`seqs must be an array of at most ${MAX_SEGMENTS} segment numbers`);
  }
  return { recordingId, seqs: f.seqs.map((seq) => requireInt(seq, 'seqs[]', 0, MAX_SEGMENTS - 1)) };
}
