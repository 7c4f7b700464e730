/**
 * Protocol tests whose publisher wraps the real pipeline: a DelegatingPublisher passes every call on (a
 * test overrides what it watches, holds back or fails), and usePipelineHarness starts the recorder
 * harness with it and makes `seconds` of speech as 16 kHz mono PCM bytes.
 */
import { PipelinePublisher, type RecordingPublisher } from '../../../admin/server/browser-recorder/publisher';
import type { HarnessOptions, RecorderHarness } from '../../../harness/browser-recorder/recorder-harness';
import { speechOfLength } from '../../../simulator/speech';
import { started, useRecorderHarness } from './recorder-session';

export class DelegatingPublisher implements RecordingPublisher {
  inner: RecordingPublisher | undefined;

  publishSegment(...args: Parameters<RecordingPublisher['publishSegment']>) {
    return this.inner!.publishSegment(...args);
  }

  storeVideoPart(...args: Parameters<RecordingPublisher['storeVideoPart']>) {
    return this.inner!.storeVideoPart(...args);
  }

  finish(...args: Parameters<RecordingPublisher['finish']>) {
    return this.inner!.finish(...args);
  }

  discard(...args: Parameters<RecordingPublisher['discard']>) {
    return this.inner!.discard(...args);
  }
}

export function usePipelineHarness(
  publisher: DelegatingPublisher,
  speechSeconds: number,
  recorder: NonNullable<HarnessOptions['recorder']>,
): { readonly harness: RecorderHarness; readonly speech: Uint8Array } {
  const session = useRecorderHarness({ withPage: false, recorder: { ...recorder, publisher } });
  let speech: Uint8Array | undefined;
  beforeAll(async () => {
    publisher.inner = new PipelinePublisher(session.harness.cloud, session.harness.dataDir);
    const pcm = await speechOfLength(speechSeconds, 16000, 1);
    speech = new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
  }, 120_000);
  return {
    get harness() {
      return session.harness;
    },
    get speech() {
      return started(speech, 'speech');
    },
  };
}
