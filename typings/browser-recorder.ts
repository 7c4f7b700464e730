/**
 * Browser recorder wire protocol (page ⇄ admin server over one WebSocket) and the recording fields it adds.
 * Text frames carry JSON messages; binary frames carry media with a fixed header so the server can check
 * every byte against what the connection announced and resume exactly where it confirmed.
 */
import type { Static } from '@sinclair/typebox';
import type { ErrorCode } from './errors';
import type * as schemas from './schemas/browser-recorder';

export type BrowserRecordingKind = 'audio' | 'video';

/** Optional fields a browser recording adds to its `recordings` document. */
export interface BrowserRecordingFields {
  /** The WebM video (remuxed so it has a duration and cues), stored next to full.mp3. */
  videoFileID?: string;
}

export function videoWebmPath(ownerId: string, recordingId: string): string {
  return `recordings/${ownerId}/${recordingId}/video.webm`;
}

/**
 * Part `part` of the raw video stream, uploaded at each seal so another server instance can finish the
 * recording; joined into video.webm at the end, then deleted.
 */
export function videoPartPath(ownerId: string, recordingId: string, part: number): string {
  return `recordings/${ownerId}/${recordingId}/video-parts/${part}.webm`;
}

/** A video part as the recorder's state (`browserRecordings/<recordingId>`) lists it; deleting reads these. */
export interface SealedVideoPart {
  part: number;
  /** Set once the part is in storage. */
  fileID?: string;
}

/** The part of a browser recording's recorder state that deleting the recording needs. */
export interface BrowserRecordingStateParts {
  videoParts: SealedVideoPart[];
}

export const BROWSER_AUDIO = { sampleRate: 16000, channels: 1, bytesPerSample: 2 } as const;

/** Where the page gets a one-time ticket (HTTP, so the admin session cookie is checked by Fastify). */
export const RECORDER_TICKET_PATH = '/record/api/ticket';
/** Where a student following an assignment link gives a name once and gets a signed `web_…` identity. */
export const RECORDER_STUDENT_PATH = '/record/api/student';
export const RECORDER_SOCKET_PATH = '/record/ws';

/** Binary frame: [u8 stream][u8 version][u16 reserved][u32 frameNo][f64 byteOffset] then the payload. */
export const FRAME_HEADER_BYTES = 16;
export const FRAME_VERSION = 1;
export const MAX_FRAME_PAYLOAD_BYTES = 256 * 1024;
export const FrameStream = { audio: 1, video: 2 } as const;
export type FrameStreamId = (typeof FrameStream)[keyof typeof FrameStream];

export interface FrameHeader {
  stream: FrameStreamId;
  frameNo: number;
  byteOffset: number;
}

export function encodeFrame(header: FrameHeader, payload: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  const view = new DataView(out.buffer);
  view.setUint8(0, header.stream);
  view.setUint8(1, FRAME_VERSION);
  view.setUint32(4, header.frameNo >>> 0);
  view.setFloat64(8, header.byteOffset);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/** Parses a binary frame; returns a reason string instead of throwing so callers pick the error code. */
export function decodeFrame(data: Uint8Array): { header: FrameHeader; payload: Uint8Array } | string {
  if (data.byteLength < FRAME_HEADER_BYTES) return 'frame shorter than its header';
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const stream = view.getUint8(0);
  if (stream !== FrameStream.audio && stream !== FrameStream.video) return `unknown stream ${stream}`;
  if (view.getUint8(1) !== FRAME_VERSION) return `unsupported frame version ${view.getUint8(1)}`;
  const byteOffset = view.getFloat64(8);
  if (!Number.isSafeInteger(byteOffset) || byteOffset < 0) return 'byte offset is not a whole number';
  const payload = data.subarray(FRAME_HEADER_BYTES);
  if (payload.byteLength === 0) return 'empty frame';
  if (payload.byteLength > MAX_FRAME_PAYLOAD_BYTES)
    return `frame larger than ${MAX_FRAME_PAYLOAD_BYTES} bytes`;
  return { header: { stream, frameNo: view.getUint32(4), byteOffset }, payload };
}

/**
 * Byte offsets below which cloud storage holds the stream: the end of the stored run of sealed segments
 * (each one's WAV uploaded and segment document written) and of the uploaded video parts. The page may
 * forget everything below them; everything above it keeps and resends to whichever instance it reaches.
 */
export interface ConfirmedOffsets {
  audio: number;
  video: number;
}

type MessageSchemas = typeof schemas.ClientMessageSchemas;
/** A text message from the page, one of typings/schemas/browser-recorder.ts's schemas. */
export type ClientMessage = { [K in keyof MessageSchemas]: Static<MessageSchemas[K]> }[keyof MessageSchemas];

export interface RecordingFinished {
  recordingId: string;
  status: string;
  durationMs: number;
  segmentCount: number;
  /** What the user sees: the stretches between pauses (the server's automatic cuts continue a take). */
  takeCount: number;
  fullMp3FileID?: string;
  videoFileID?: string;
}

export type ServerMessage =
  | { type: 'hello'; connectionId: string }
  | { type: 'started'; recordingId: string; fileName: string; maxDurationMs: number; maxBytes: number }
  | { type: 'resumed'; recordingId: string; confirmed: ConfirmedOffsets; sealedSegments: number }
  /** After each segment (or video part) lands in storage; `sealedSegments` = segments stored, from seq 0. */
  | { type: 'ack'; confirmed: ConfirmedOffsets; sealedSegments: number }
  | { type: 'segment'; seq: number; durationMs: number; mp3FileID?: string }
  | { type: 'finished'; recording: RecordingFinished }
  | { type: 'error'; code: ErrorCode; message: string; fatal: boolean };

/** WebSocket close codes the server uses (4000–4999 are free for applications). */
export const RECORDER_CLOSE = {
  done: 1000,
  /** The recording is held by another server instance now; reconnect (the page does). */
  moved: 4409,
  badInput: 4400,
  unauthenticated: 4401,
  tooLarge: 4413,
} as const;
