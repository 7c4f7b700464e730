import { entryOf, launchCore, segmentOf } from './support/core-fixture';
import { settle } from './support/fake-port';

describe('resume on launch', () => {
  it('recovers the segment an app kill interrupted, to the last frame written, and finalizes', async () => {
    const fixture = launchCore();
    fixture.platform.network.set(false);
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(2000);
    session.pause();
    session.resume();
    fixture.platform.recorder.speak(1536); // six 256 ms frames on disk, then the app dies
    const relaunched = launchCore(fixture.platform);
    await settle();
    const entry = entryOf(relaunched, session.recordingId);
    expect(entry.segments.map((s) => s.durationMs)).toEqual([2000, 1536]);
    expect(entry.phase).toBe('finalized');
    expect(relaunched.platform.cloud.callsTo('finalizeRecording')).toEqual([
      { recordingId: session.recordingId, segmentCount: 2 },
    ]);
  });

  it('redoes an upload the kill interrupted, without a duplicate ingest', async () => {
    const fixture = launchCore();
    const { cloud } = fixture.platform;
    cloud.uploadFailure = new Error('killed mid-upload');
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    session.pause();
    await settle();
    cloud.uploadFailure = undefined;
    const relaunched = launchCore(fixture.platform);
    await settle();
    expect(segmentOf(relaunched, session.recordingId, 0).server).toBe('converted');
    expect(cloud.callsTo('ingestSegment')).toHaveLength(1);
  });

  it('does not wait out an old backoff after a relaunch', async () => {
    const fixture = launchCore();
    const { cloud } = fixture.platform;
    const ingest = cloud.handlers.ingestSegment;
    cloud.handlers.ingestSegment = () => ({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom', retryable: true },
    });
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    session.pause();
    await settle();
    expect(segmentOf(fixture, session.recordingId, 0).nextAttemptAt).toBeGreaterThan(
      fixture.platform.clock.now(),
    );
    cloud.handlers.ingestSegment = ingest;
    const relaunched = launchCore(fixture.platform);
    await settle();
    expect(segmentOf(relaunched, session.recordingId, 0).server).toBe('converted');
  });

  it('finalizes a stopped recording whose finalize call the kill cut off', async () => {
    const fixture = launchCore();
    const { cloud } = fixture.platform;
    const finalize = cloud.handlers.finalizeRecording;
    cloud.handlers.finalizeRecording = () => new Promise(() => undefined); // never answers: the app dies
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    session.stop();
    await settle();
    cloud.handlers.finalizeRecording = finalize;
    const relaunched = launchCore(fixture.platform);
    await settle();
    expect(entryOf(relaunched, session.recordingId).finalize.result?.status).toBe('ready');
  });
});

describe('a segment an older app version was writing', () => {
  it('is sealed from its .pcm file on launch, and the .pcm is removed', async () => {
    const fixture = launchCore();
    fixture.platform.network.set(false);
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1024); // the app dies while writing
    const { files } = fixture.platform;
    const wavPath = segmentOf(fixture, session.recordingId, 0).localFile as string;
    const pcmPath = wavPath.replace(/\.wav$/, '.pcm');
    files.files.set(pcmPath, (files.files.get(wavPath) as Uint8Array).subarray(44));
    files.files.delete(wavPath);
    fixture.core.journal.updateSegment(session.recordingId, 0, (s) => {
      s.localFile = pcmPath;
    });
    const relaunched = launchCore(fixture.platform);
    await settle();
    expect(segmentOf(relaunched, session.recordingId, 0)).toMatchObject({
      local: 'sealed',
      durationMs: 1024,
      bytes: 44 + 32768,
    });
    expect(files.files.has(pcmPath)).toBe(false);
  });
});
