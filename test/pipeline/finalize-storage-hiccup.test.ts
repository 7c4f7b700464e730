import { finalizeRecording, type CloudHandle } from '../../pipeline';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import { startTestEmulator, type NodeApp, type TestEmulator } from '../../harness/emulator';
import { ingestAudio, newRecordingId, uploadWav } from '../../harness/pipeline';
import { encodeWav } from '../../pipeline/audio/wav';
import { speechOfLength } from '../../simulator/speech';

const STUDENT = 'student-hiccup';
let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

/** The node-sdk app, except that downloading one file fails the way a dropped connection does. */
function withFailingDownload(app: NodeApp, suffix: string): CloudHandle {
  return new Proxy(app, {
    get(target, key, receiver) {
      const real = Reflect.get(target, key, receiver) as unknown;
      if (key !== 'downloadFile' || typeof real !== 'function') return real;
      return (args: { fileID: string }) =>
        args.fileID.endsWith(suffix)
          ? Promise.reject(new Error('socket hang up'))
          : (real as (a: unknown) => Promise<unknown>).call(target, args);
    },
  });
}

async function statusOf(recordingId: string): Promise<RecordingDoc['status'] | undefined> {
  const res = await emu.nodeApp().database().collection(COLLECTIONS.recordings).doc(recordingId).get();
  return (res.data as RecordingDoc[])[0]?.status;
}

test('a storage hiccup reading an unconverted segment fails finalize retryably instead of answering partial, and a retry makes it ready', async () => {
  const recordingId = newRecordingId();
  const speech = await speechOfLength(3, 16000, 1);
  await ingestAudio(emu.client(), STUDENT, recordingId, 0, speech);
  // Segment 1 landed in storage but was never ingested, so finalize must read its WAV to convert it.
  await uploadWav(emu.client(), STUDENT, recordingId, 1, encodeWav(speech));
  const request = { recordingId, segmentCount: 2 };

  const err = await finalizeRecording(withFailingDownload(emu.nodeApp(), '/1.wav'), STUDENT, request).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect({ code: (err as AppError).code, retryable: (err as AppError).retryable }).toEqual({
    code: ErrorCode.UNAVAILABLE,
    retryable: true,
  });
  expect(await statusOf(recordingId)).not.toBe('partial');

  const retried = await finalizeRecording(emu.nodeApp(), STUDENT, request);
  expect(retried.status).toBe('ready');
});
