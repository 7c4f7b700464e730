/**
 * Payloads are checked against their one schema in typings/schemas: a bad field is named, unknown fields never
 * reach a handler, and a real cloud function on the emulator answers a bad request that way.
 */
import { AppError, ErrorCode } from '../../typings/errors';
import { checkPayload } from '../../typings/schemas/check-payload';
import {
  FinalizeRecordingRequestSchema,
  GetPlaybackUrlsRequestSchema,
  IngestSegmentRequestSchema,
} from '../../typings/schemas/functions';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callEnvelope, newRecordingId } from '../../harness/pipeline';
import { storedRecording } from './support/stored';

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('the payload was accepted');
}

test('fields a request schema does not declare never reach the handler, and the input is left as it was', () => {
  const recordingId = newRecordingId();
  const event = { recordingId, segmentCount: 3, userInfo: { appId: 'wx1', openId: 'o1' }, admin: true };
  expect(checkPayload(FinalizeRecordingRequestSchema, event)).toEqual({ recordingId, segmentCount: 3 });
  expect(event).toHaveProperty('admin', true);
});

test('a recording id of the wrong form is refused with the rule it breaks', () => {
  expect(refusal(() => checkPayload(GetPlaybackUrlsRequestSchema, { recordingId: 'short' }))).toEqual({
    code: ErrorCode.INVALID_ARGUMENT,
    message: 'recordingId must be 16–64 URL-safe characters',
  });
});

test('a bad entry inside an array is named with its index', () => {
  const request = { recordingId: newRecordingId(), seqs: [0, 1, -2] };
  expect(refusal(() => checkPayload(GetPlaybackUrlsRequestSchema, request)).message).toBe(
    'seqs[2] must be >= 0',
  );
});

test('a sample rate RecorderManager cannot record at is refused with the rates it can', () => {
  const request = {
    recordingId: newRecordingId(),
    seq: 0,
    fileID: 'cloud://env.bucket/recordings/a/b/0.wav',
    durationMs: 1000,
    sampleRate: 17000,
    channels: 1,
  };
  expect(refusal(() => checkPayload(IngestSegmentRequestSchema, request)).message).toBe(
    'sampleRate must be one of 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000',
  );
});

describe('through a real cloud function', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.stop());

  test('finalizeRecording names a missing field and writes nothing', async () => {
    const recordingId = newRecordingId();
    const envelope = await callEnvelope(emu.client(), 'student-schemas', 'finalizeRecording', {
      recordingId,
    });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: 'segmentCount is required', retryable: false },
    });
    expect(await storedRecording(emu, recordingId)).toBeUndefined();
  });
});
