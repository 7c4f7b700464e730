import { entryOf, launchCore, type CoreFixture } from './support/core-fixture';
import { settle } from './support/fake-port';

/** 30 s cut at 256 ms frames: the frame that crosses 30 s is the segment's last (118 frames). */
const CUT_SEGMENT_MS = 118 * 256;

function wavData(wav: Uint8Array): Uint8Array {
  return wav.subarray(44);
}

/** The PCM the cloud received for a recording, segments joined in seq order. */
function uploadedPcm(fixture: CoreFixture, recordingId: string): Uint8Array {
  const segments = entryOf(fixture, recordingId).segments;
  const parts = segments.map((s) => {
    const wav = fixture.platform.cloud.uploads.get(`recordings/student-openid/${recordingId}/${s.seq}.wav`);
    if (!wav) throw new Error(`segment ${s.seq} was not uploaded`);
    return wavData(wav);
  });
  return new Uint8Array(Buffer.concat(parts));
}

/** Exactly what FakeRecorder.speak(ms) delivers (16 kHz mono 440 Hz tone), as bytes. */
function spokenPcm(ms: number): Uint8Array {
  const samples = Math.round((16000 * ms) / 1000);
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i += 1)
    pcm[i] = Math.round(0.5 * 32767 * Math.sin((2 * Math.PI * 440 * i) / 16000));
  return new Uint8Array(pcm.buffer);
}

describe('automatic cuts while recording', () => {
  it('seals a segment every 30 s of continuous audio while the recording goes on', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(65_000);
    expect(session.state).toBe('recording');
    expect(fixture.platform.recorder.calls).toEqual(['start']);
    const sealed = entryOf(fixture, session.recordingId).segments.filter((s) => s.local === 'sealed');
    expect(sealed.map((s) => [s.seq, s.durationMs, s.cut])).toEqual([
      [0, CUT_SEGMENT_MS, 'auto'],
      [1, CUT_SEGMENT_MS, 'auto'],
    ]);
    await settle();
    // Uploaded and converted while the student is still reading.
    expect(fixture.platform.cloud.callsTo('ingestSegment').map((c) => [c.seq, c.cut])).toEqual([
      [0, 'auto'],
      [1, 'auto'],
    ]);
    expect(session.snapshot().elapsedMs).toBe(65_000);
  });

  it('loses and repeats no sample at an automatic cut: the segments join to exactly what was spoken', async () => {
    const fixture = launchCore(undefined, { autoCutMs: 3000 });
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(6500);
    session.stop();
    await settle();
    const entry = entryOf(fixture, session.recordingId);
    expect(entry.segments.map((s) => s.cut)).toEqual(['auto', 'auto', 'stop']);
    expect(Buffer.from(uploadedPcm(fixture, session.recordingId)).equals(Buffer.from(spokenPcm(6500)))).toBe(
      true,
    );
  });

  it('records why each segment ended: pause, call, hide, cap, auto and stop', async () => {
    const fixture = launchCore(undefined, { autoCutMs: 5000 });
    const { recorder, lifecycle } = fixture.platform;
    const session = await fixture.core.startRecording();
    recorder.speak(1000);
    session.pause();
    session.resume();
    recorder.speak(1000);
    recorder.listeners?.onInterruptionBegin();
    session.resume();
    recorder.speak(1000);
    lifecycle.hide();
    session.resume();
    recorder.speak(1000);
    recorder.fireStop(); // the platform's 10-minute cap
    recorder.speak(6000);
    session.stop();
    const cuts = entryOf(fixture, session.recordingId).segments.map((s) => s.cut);
    expect(cuts).toEqual(['pause', 'call', 'hide', 'cap', 'auto', 'stop']);
  });

  it('cuts only at pauses when automatic cuts are off', async () => {
    const fixture = launchCore(undefined, { autoCutMs: 0 });
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(35_000);
    session.pause();
    const segments = entryOf(fixture, session.recordingId).segments;
    expect(segments.map((s) => [s.durationMs, s.cut])).toEqual([[35_000, 'pause']]);
  });

  it('keeps cut segments on the phone while offline mid-take and uploads them when the network returns', async () => {
    const fixture = launchCore(undefined, { autoCutMs: 3000 });
    const { network, cloud, recorder } = fixture.platform;
    network.set(false);
    const session = await fixture.core.startRecording();
    recorder.speak(6500);
    await settle();
    expect(cloud.uploads.size).toBe(0);
    const waiting = entryOf(fixture, session.recordingId).segments.filter((s) => s.local === 'sealed');
    expect(waiting.map((s) => [s.seq, s.upload, fixture.platform.files.exists(s.localFile ?? '')])).toEqual([
      [0, 'pending', true],
      [1, 'pending', true],
    ]);
    network.set(true);
    await settle();
    expect(session.state).toBe('recording');
    const segments = entryOf(fixture, session.recordingId).segments;
    expect(segments.filter((s) => s.server === 'converted').map((s) => s.seq)).toEqual([0, 1]);
    expect(cloud.callsTo('ingestSegment').map((c) => c.seq)).toEqual([0, 1]);
  });

  it('loses nothing already on disk when the app is killed mid-take: recovery seals the open segment', async () => {
    const fixture = launchCore(undefined, { autoCutMs: 3000 });
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(7000);
    const relaunched = launchCore(fixture.platform, { autoCutMs: 3000 }); // killed: no pause, no stop
    await settle();
    const entry = entryOf(relaunched, session.recordingId);
    expect(entry.segments.map((s) => s.cut)).toEqual(['auto', 'auto', 'stop']);
    expect(entry.segments.reduce((sum, s) => sum + s.durationMs, 0)).toBe(7000);
    expect(entry.phase).toBe('finalized');
  });
});
