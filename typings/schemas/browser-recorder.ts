/**
 * One schema per text message the browser recorder page sends over its WebSocket (typings/browser-recorder.ts
 * derives `ClientMessage` from them). The audio format is fixed: 16 kHz mono PCM.
 */
import { Type } from '@sinclair/typebox';
import { BROWSER_AUDIO } from '../browser-recorder';
import { OneOf, RecordingId, ShortId } from './fields';

/** Byte offsets and sequence numbers: whole numbers ≥ 0 that fit a double exactly. */
const Offset = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const ClientMessageSchemas = {
  start: Type.Object({
    type: Type.Literal('start'),
    kind: OneOf(['audio', 'video'] as const),
    sampleRate: Type.Literal(BROWSER_AUDIO.sampleRate),
    channels: Type.Literal(BROWSER_AUDIO.channels),
    assignmentId: Type.Optional(ShortId),
  }),
  resume: Type.Object({ type: Type.Literal('resume'), recordingId: RecordingId }),
  /**
   * Seals the open audio up to `audioOffset` as a segment cut by a pause. `seq` is the page's own count of
   * its pauses (the server numbers segments, as it also cuts on its own). A resent pause does nothing more.
   */
  pause: Type.Object({ type: Type.Literal('pause'), seq: Offset, audioOffset: Offset }),
  stop: Type.Object({ type: Type.Literal('stop'), audioOffset: Offset, videoOffset: Offset }),
};
