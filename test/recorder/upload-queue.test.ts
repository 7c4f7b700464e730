import { ok } from './support/fake-cloud';
import { entryOf, launchCore, recordAndStop, segmentOf } from './support/core-fixture';
import { settle } from './support/fake-port';

const retryableFailure = {
  ok: false,
  error: { code: 'UNAVAILABLE', message: 'storage busy', retryable: true },
};

describe('upload queue', () => {
  it('uploads each segment to recordings/{openid}/{recordingId}/{seq}.wav and ingests it', async () => {
    const fixture = launchCore();
    const recordingId = await recordAndStop(fixture, [1000, 2000]);
    const ingests = fixture.platform.cloud.callsTo('ingestSegment');
    expect(ingests).toEqual([
      expect.objectContaining({ recordingId, seq: 0, durationMs: 1000, sampleRate: 16000, channels: 1 }),
      expect.objectContaining({ recordingId, seq: 1, durationMs: 2000, sampleRate: 16000, channels: 1 }),
    ]);
    expect(ingests[1].fileID).toBe(`cloud://env.bucket/recordings/student-openid/${recordingId}/1.wav`);
  });

  it('finalizes with the segment count once every segment is converted', async () => {
    const fixture = launchCore();
    const recordingId = await recordAndStop(fixture, [500, 500, 500]);
    expect(fixture.platform.cloud.callsTo('finalizeRecording')).toEqual([{ recordingId, segmentCount: 3 }]);
    const entry = entryOf(fixture, recordingId);
    expect(entry.phase).toBe('finalized');
    expect(entry.finalize.result?.status).toBe('ready');
  });

  it('removes the local audio only after the server confirms the MP3', async () => {
    const fixture = launchCore();
    let filesAtIngest = 0;
    fixture.platform.cloud.beforeEach = (what) => {
      if (what === 'call ingestSegment') filesAtIngest = fixture.platform.files.files.size;
    };
    const recordingId = await recordAndStop(fixture, [700]);
    expect(filesAtIngest).toBe(1);
    expect(fixture.platform.files.files.size).toBe(0);
    expect(segmentOf(fixture, recordingId, 0).localFile).toBeUndefined();
  });

  it('retries a retryable ingest failure with exponential backoff and jitter', async () => {
    const fixture = launchCore();
    const { cloud, clock } = fixture.platform;
    clock.randomValue = 0.25;
    const ingest = cloud.handlers.ingestSegment;
    let failures = 3;
    cloud.handlers.ingestSegment = (data) => (failures-- > 0 ? retryableFailure : ingest(data));
    const scheduled: number[] = [];
    fixture.core.bus.subscribe((event) => {
      const next = event.type === 'segment' ? event.segment.nextAttemptAt : undefined;
      if (next !== undefined) scheduled.push(next - clock.now());
    });
    const recordingId = await recordAndStop(fixture, [500]);
    const firstFailure = segmentOf(fixture, recordingId, 0);
    expect(firstFailure.server).toBe('failed');
    expect(firstFailure.lastError?.code).toBe('UNAVAILABLE');
    for (const delay of [625, 1250, 2500]) {
      clock.advance(delay);
      await settle();
    }
    // ceiling 1 s, 2 s, 4 s; equal jitter at random 0.25 gives half + a quarter of the other half
    expect(scheduled).toEqual([625, 1250, 2500]);
    const converted = segmentOf(fixture, recordingId, 0);
    expect(converted.server).toBe('converted');
    expect(converted.attempts).toBe(4);
    expect(converted.lastError).toBeUndefined();
  });

  it('uploads the next segment while the server is still converting the previous one', async () => {
    const fixture = launchCore();
    const { cloud } = fixture.platform;
    cloud.handlers.ingestSegment = () => new Promise(() => undefined); // a conversion that takes forever
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    session.pause();
    session.resume();
    fixture.platform.recorder.speak(500);
    session.pause();
    await settle();
    expect([...cloud.uploads.keys()].map((path) => path.split('/').pop())).toEqual(['0.wav', '1.wav']);
    expect(segmentOf(fixture, session.recordingId, 1).upload).toBe('uploaded');
  });

  it('stops retrying a non-retryable error and waits for the retry action', async () => {
    const fixture = launchCore();
    const { cloud, clock } = fixture.platform;
    const ingest = cloud.handlers.ingestSegment;
    cloud.handlers.ingestSegment = () => ({
      ok: false,
      error: { code: 'BAD_AUDIO', message: 'not a WAV', retryable: false },
    });
    const recordingId = await recordAndStop(fixture, [500]);
    clock.advance(600_000);
    await settle();
    expect(cloud.callsTo('ingestSegment')).toHaveLength(1);
    expect(segmentOf(fixture, recordingId, 0).nextAttemptAt).toBeUndefined();
    cloud.handlers.ingestSegment = ingest;
    fixture.core.retrySegment(recordingId, 0);
    await settle();
    expect(segmentOf(fixture, recordingId, 0).server).toBe('converted');
    expect(entryOf(fixture, recordingId).phase).toBe('finalized');
  });

  it('takes a segment it gave up on as converted when the finalize joined it, and removes its local copy', async () => {
    const fixture = launchCore();
    const { cloud } = fixture.platform;
    const ingest = cloud.handlers.ingestSegment;
    // The server converts segment 1, but the phone only ever hears a final error for it.
    cloud.handlers.ingestSegment = (data) =>
      data.seq === 1
        ? { ok: false, error: { code: 'INTERNAL', message: 'reply lost', retryable: false } }
        : ingest(data);
    const recordingId = await recordAndStop(fixture, [500, 500]);
    expect(cloud.callsTo('ingestSegment').filter((c) => c.seq === 1)).toHaveLength(1);
    expect(entryOf(fixture, recordingId).finalize.result?.status).toBe('ready');
    expect(segmentOf(fixture, recordingId, 1).server).toBe('converted');
    expect(segmentOf(fixture, recordingId, 1).localFile).toBeUndefined();
    expect(fixture.platform.files.files.size).toBe(0);
  });

  it('keeps the local copy of a segment the finalize names missing, for the retry tap', async () => {
    const fixture = launchCore();
    const { cloud } = fixture.platform;
    cloud.handlers.ingestSegment = () => ({
      ok: false,
      error: { code: 'BAD_AUDIO', message: 'not a WAV', retryable: false },
    });
    cloud.handlers.finalizeRecording = (data) =>
      ok({ recordingId: data.recordingId, status: 'partial', durationMs: 0, missingSeqs: [0] });
    const recordingId = await recordAndStop(fixture, [500]);
    expect(entryOf(fixture, recordingId).finalize.result?.missingSeqs).toEqual([0]);
    const segment = segmentOf(fixture, recordingId, 0);
    expect(segment.server).toBe('failed');
    expect(fixture.platform.files.exists(segment.localFile ?? 'no local file')).toBe(true);
  });

  it('gives up automatic retries after the policy maximum', async () => {
    const fixture = launchCore();
    const { cloud, clock } = fixture.platform;
    cloud.handlers.ingestSegment = () => retryableFailure;
    // The finalize that follows the last attempt never answers, so what is seen is the give-up alone.
    cloud.handlers.finalizeRecording = () => new Promise(() => undefined);
    const recordingId = await recordAndStop(fixture, [500]);
    for (let i = 0; i < 10; i += 1) {
      clock.advance(60_000);
      await settle();
    }
    expect(cloud.callsTo('ingestSegment')).toHaveLength(5);
    const segment = segmentOf(fixture, recordingId, 0);
    expect(segment.server).toBe('failed');
    expect(segment.nextAttemptAt).toBeUndefined();
  });

  it('waits while offline and uploads as soon as the network returns', async () => {
    const fixture = launchCore();
    fixture.platform.network.set(false);
    const recordingId = await recordAndStop(fixture, [500, 500]);
    expect(fixture.platform.cloud.uploads.size).toBe(0);
    expect(segmentOf(fixture, recordingId, 1).upload).toBe('pending');
    fixture.platform.network.set(true);
    await settle();
    expect(fixture.platform.cloud.uploads.size).toBe(2);
    expect(entryOf(fixture, recordingId).phase).toBe('finalized');
  });

  it('retries an upload that failed in transport (no envelope) as retryable', async () => {
    const fixture = launchCore();
    const { cloud, clock } = fixture.platform;
    cloud.uploadFailure = new Error('uploadFile:fail network error');
    const recordingId = await recordAndStop(fixture, [500]);
    const failed = segmentOf(fixture, recordingId, 0);
    expect(failed.upload).toBe('failed');
    expect(failed.lastError).toEqual({
      code: 'UNAVAILABLE',
      message: 'uploadFile:fail network error',
      retryable: true,
    });
    cloud.uploadFailure = undefined;
    clock.advance(1000);
    await settle();
    expect(segmentOf(fixture, recordingId, 0).server).toBe('converted');
  });

  it('asks again later while the server is still converting', async () => {
    const fixture = launchCore();
    const { cloud, clock } = fixture.platform;
    const ingest = cloud.handlers.ingestSegment;
    let answers = 0;
    cloud.handlers.ingestSegment = (data) =>
      answers++ === 0
        ? ok({ recordingId: data.recordingId, seq: 0, status: 'converting', mp3FileID: '', durationMs: 500 })
        : ingest(data);
    const recordingId = await recordAndStop(fixture, [500]);
    expect(segmentOf(fixture, recordingId, 0).server).toBe('converting');
    clock.advance(1000);
    await settle();
    expect(segmentOf(fixture, recordingId, 0).server).toBe('converted');
    expect(cloud.uploads.size).toBe(1);
  });

  it('retries a transport failure at once when the network comes back, not after its backoff', async () => {
    const fixture = launchCore();
    const { cloud, network } = fixture.platform;
    cloud.uploadFailure = new Error('uploadFile:fail request:fail network is offline');
    const recordingId = await recordAndStop(fixture, [500]);
    expect(segmentOf(fixture, recordingId, 0).nextAttemptAt).toBeGreaterThan(fixture.platform.clock.now());
    network.set(false);
    cloud.uploadFailure = undefined;
    network.set(true);
    await settle();
    expect(segmentOf(fixture, recordingId, 0).server).toBe('converted');
  });
});

describe('upload queue when storage fails', () => {
  it('pauses without an unhandled rejection and resumes once the journal can be written again', async () => {
    const fixture = launchCore();
    const { storage, clock } = fixture.platform;
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    const set = storage.set.bind(storage);
    session.pause(); // sealed and journaled; the queue's first write comes after an await
    storage.set = () => {
      throw { errMsg: 'setStorageSync:fail storage is gone' };
    };
    await settle();
    expect(spy).toHaveBeenCalledWith('[recorder] upload lane paused:', expect.stringMatching(/storage/));
    expect(fixture.platform.cloud.uploads.size).toBe(0);
    storage.set = set;
    clock.advance(60_000);
    await settle();
    expect(segmentOf(fixture, session.recordingId, 0).server).toBe('converted');
    spy.mockRestore();
  });
});
