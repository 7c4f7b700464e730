/**
 * An instance lets go of a live recording only when another instance really took it over (its own error
 * class, RecordingMovedError). Any other retryable CONFLICT on the way, here one from finishing, is an
 * ordinary failure: reported to the page, and tried again for a recording left by its page.
 */
import type { RecordingPublisher } from '../../admin/server/browser-recorder/publisher';
import { RecordingMetaStore } from '../../admin/server/browser-recorder/recording-meta';
import { openStores } from '../../pipeline/cloud-handle';
import { sendAudio, teacherSocket, type ProtocolClient } from '../../harness/browser-recorder/socket-client';
import { RECORDER_CLOSE } from '../../typings/browser-recorder';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import { AppError, ErrorCode } from '../../typings/errors';
import { DelegatingPublisher, usePipelineHarness } from './support/pipeline-harness';

/** The real pipeline, except that the next `conflicts` finishes fail with a retryable CONFLICT. */
class ConflictingPublisher extends DelegatingPublisher {
  conflicts = 0;

  override async finish(...args: Parameters<RecordingPublisher['finish']>) {
    if (this.conflicts > 0) {
      this.conflicts -= 1;
      throw new AppError(ErrorCode.CONFLICT, 'finalizing is busy elsewhere', true);
    }
    return super.finish(...args);
  }
}

const publisher = new ConflictingPublisher();
const recorder = usePipelineHarness(publisher, 1, { autoSealMs: 10_000, limits: { resumeWindowMs: 300 } });

afterEach(() => {
  publisher.conflicts = 0;
});

async function recordOneSecond(): Promise<{ client: ProtocolClient; recordingId: string }> {
  const client = await teacherSocket(recorder.harness);
  client.ws.send(JSON.stringify({ type: 'start', kind: 'audio', sampleRate: 16000, channels: 1 }));
  const { recordingId } = await client.next('started');
  sendAudio(client, recorder.speech, 0, recorder.speech.byteLength);
  return { client, recordingId };
}

async function recordingStatus(recordingId: string): Promise<string | undefined> {
  const { db } = openStores(recorder.harness.cloud);
  return (await db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId))?.status;
}

test('a stop that meets an unrelated retryable CONFLICT is reported to the page, not taken for a takeover', async () => {
  const { client, recordingId } = await recordOneSecond();
  publisher.conflicts = 1;
  client.ws.send(JSON.stringify({ type: 'stop', audioOffset: recorder.speech.byteLength, videoOffset: 0 }));

  expect(await client.next('error')).toMatchObject({ code: 'CONFLICT', fatal: true });
  expect((await client.closed).code).toBe(RECORDER_CLOSE.badInput);
  // The recording is still this instance's: the page's resent stop finishes it here.
  const again = await teacherSocket(recorder.harness);
  again.ws.send(JSON.stringify({ type: 'resume', recordingId }));
  await again.next('resumed');
  again.ws.send(JSON.stringify({ type: 'stop', audioOffset: recorder.speech.byteLength, videoOffset: 0 }));
  expect((await again.next('finished')).recording).toMatchObject({ status: 'ready', durationMs: 1000 });
});

test('a recording left by its page is finished on a later try after an unrelated retryable CONFLICT', async () => {
  const { client, recordingId } = await recordOneSecond();
  client.ws.send(JSON.stringify({ type: 'pause', seq: 0, audioOffset: recorder.speech.byteLength }));
  await client.next('segment'); // the take is in storage
  publisher.conflicts = 1;
  client.ws.close();
  // The first abandon-finish met the CONFLICT; the next one (one resume window later) finishes it.
  while ((await recordingStatus(recordingId)) !== 'ready') await new Promise((r) => setTimeout(r, 100));
  expect(await recordingStatus(recordingId)).toBe('ready');
});

test('a write after another instance took the recording over closes the socket as moved, with no error', async () => {
  const { client, recordingId } = await recordOneSecond();
  const { db } = openStores(recorder.harness.cloud);
  await new RecordingMetaStore(db, recorder.harness.dataDir, 'admin_elsewhere').takeOver(recordingId);
  // The pause seals a segment: the state write finds the recording held elsewhere.
  client.ws.send(JSON.stringify({ type: 'pause', seq: 0, audioOffset: recorder.speech.byteLength }));

  expect((await client.closed).code).toBe(RECORDER_CLOSE.moved);
  expect(client.messages.filter((m) => m.type === 'error')).toEqual([]);
});
