import { STORAGE_FULL } from '../../miniprogram/recorder/errors';
import { launchCore, entryOf, segmentOf } from './support/core-fixture';
import { settle } from './support/fake-port';

function wavDataBytes(wav: Uint8Array): number {
  return new DataView(wav.buffer, wav.byteOffset).getUint32(40, true);
}

describe('recording session', () => {
  it('seals the segment as a WAV the moment the student pauses', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(2000);
    session.pause();
    const segment = segmentOf(fixture, session.recordingId, 0);
    expect(segment.local).toBe('sealed');
    expect(segment.durationMs).toBe(2000);
    await settle();
    const uploaded = fixture.platform.cloud.uploads.get(
      `recordings/student-openid/${session.recordingId}/0.wav`,
    );
    expect(uploaded).toBeDefined();
    expect(
      Buffer.from(uploaded as Uint8Array)
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('RIFF');
    expect(wavDataBytes(uploaded as Uint8Array)).toBe(2000 * 32);
  });

  it('numbers segments in order across pause and resume', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    session.pause();
    session.resume();
    fixture.platform.recorder.speak(1500);
    session.pause();
    const segments = entryOf(fixture, session.recordingId).segments;
    expect(segments.map((s) => [s.seq, s.durationMs])).toEqual([
      [0, 1000],
      [1, 1500],
    ]);
    expect(session.snapshot().elapsedMs).toBe(2500);
  });

  it('stops after onStart when stop() came before it (platform bug)', async () => {
    const fixture = launchCore();
    fixture.platform.recorder.confirm = false;
    const session = await fixture.core.startRecording();
    session.stop();
    expect(session.state).toBe('stopping');
    fixture.platform.recorder.confirm = true;
    fixture.platform.recorder.fireStart();
    expect(fixture.platform.recorder.calls).toEqual(['start', 'stop']);
    expect(session.state).toBe('stopped');
  });

  it('ends stopped, keeping the audio, when stop() is answered with "recorder not start"', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    fixture.platform.recorder.confirm = false; // the platform dropped its recording: no onStop comes
    session.stop();
    fixture.platform.recorder.listeners?.onError('operateRecorder:fail recorder not start');
    expect(session.state).toBe('stopped');
    const entry = entryOf(fixture, session.recordingId);
    expect(entry.segments.map((s) => [s.durationMs, s.local])).toEqual([[1000, 'sealed']]);
    expect(entry.phase).toBe('finalizing');
  });

  it('keeps recording, and resumes in place, when a late "recorder not start" arrives meanwhile', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    fixture.platform.recorder.listeners?.onError('operateRecorder:fail recorder not start');
    expect(session.state).toBe('recording');
    session.pause();
    session.resume();
    expect(fixture.platform.recorder.calls).toEqual(['start', 'pause', 'resume']);
  });

  it('continues in a new segment when the platform stops at its 10-minute cap', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(3000);
    fixture.platform.recorder.fireStop(); // the cap: onStop without our stop()
    expect(session.state).toBe('recording');
    fixture.platform.recorder.speak(1000);
    session.stop();
    const segments = entryOf(fixture, session.recordingId).segments;
    expect(segments.map((s) => s.durationMs)).toEqual([3000, 1000]);
    expect(fixture.platform.recorder.calls).toEqual(['start', 'start', 'stop']);
  });

  it('pauses and seals when a call interrupts', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1200);
    fixture.platform.recorder.listeners?.onInterruptionBegin();
    expect(session.state).toBe('paused');
    expect(segmentOf(fixture, session.recordingId, 0).local).toBe('sealed');
  });

  it('pauses and seals when the app goes to the background, and resumes in a fresh platform recording', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(800);
    fixture.platform.lifecycle.hide();
    expect(session.state).toBe('paused');
    expect(segmentOf(fixture, session.recordingId, 0).durationMs).toBe(800);
    session.resume();
    fixture.platform.recorder.speak(400);
    session.stop();
    expect(fixture.platform.recorder.calls).toEqual(['start', 'stop', 'start', 'stop']);
    expect(entryOf(fixture, session.recordingId).segments.map((s) => s.durationMs)).toEqual([800, 400]);
  });

  it('stops a fresh platform recording that starts after the app went to the background (platform bug)', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(800);
    fixture.platform.lifecycle.hide();
    fixture.platform.recorder.confirm = false;
    session.resume();
    // Hidden again before the fresh recording's onStart: the platform ignores that stop().
    fixture.platform.lifecycle.hide();
    fixture.platform.recorder.confirm = true;
    fixture.platform.recorder.fireStart();
    expect(fixture.platform.recorder.calls).toEqual(['start', 'stop', 'start', 'stop', 'stop']);
    expect(fixture.platform.recorder.started).toBe(false);
    expect(session.state).toBe('paused');
  });

  it('journals a segment before its first frame reaches the disk', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    const { files, storage } = fixture.platform;
    const append = files.append.bind(files);
    let journaledFirst = false;
    files.append = (filePath, data) => {
      journaledFirst ||= [...storage.data.values()].some((value) =>
        value.includes(`"localFile":"${filePath}"`),
      );
      append(filePath, data);
    };
    fixture.platform.recorder.speak(300);
    expect(journaledFirst).toBe(true);
    expect(segmentOf(fixture, session.recordingId, 0).local).toBe('writing');
  });

  it('ends in error and keeps nothing in the journal when the microphone is refused', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.listeners?.onError('operateRecorder:fail auth deny');
    expect(session.state).toBe('error');
    expect(session.snapshot().error).toBe('Recorder error: operateRecorder:fail auth deny');
    expect(fixture.core.recordings()).toEqual([]);
    expect(fixture.core.bus.busyWith).toBeUndefined();
  });

  it('keeps no empty segment when nothing was said between resume and pause', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    session.pause();
    session.resume();
    session.pause();
    session.stop();
    expect(entryOf(fixture, session.recordingId).segments).toHaveLength(1);
  });

  it('resumes with a fresh platform recording when the platform stopped during a pause', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    session.pause();
    fixture.platform.recorder.fireStop(); // screen lock ended the platform's recording silently
    session.resume();
    fixture.platform.recorder.speak(500);
    session.stop();
    expect(fixture.platform.recorder.calls).toEqual(['start', 'pause', 'start', 'stop']);
    expect(entryOf(fixture, session.recordingId).segments).toHaveLength(2);
  });

  it('says plainly that storage is full and seals every saved frame in place when the phone runs out of file space', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    // Room for two more frames and no more: sealing in place needs none.
    fixture.platform.files.quotaBytes = fixture.platform.files.usedBytes() + 8192 * 2;
    fixture.platform.recorder.speak(1000);
    expect(session.state).toBe('error');
    expect(session.snapshot().error).toBe(STORAGE_FULL);
    expect(fixture.core.bus.busyWith).toBeUndefined();
    const segment = segmentOf(fixture, session.recordingId, 0);
    expect(segment).toMatchObject({ local: 'sealed', cut: 'stop' });
    const wav = fixture.platform.files.files.get(segment.localFile as string) as Uint8Array;
    // 1 s spoken before the quota, then every frame that fitted: the header now counts them all.
    expect(segment.bytes).toBe(wav.length);
    expect(new DataView(wav.buffer, wav.byteOffset).getUint32(40, true)).toBe(wav.length - 44);
    expect(wav.length - 44).toBeGreaterThanOrEqual(32000);
  });

  it('uploads what a full phone sealed and finishes the recording', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(1000);
    fixture.platform.files.quotaBytes = fixture.platform.files.usedBytes() + 8192;
    fixture.platform.recorder.speak(1000);
    await settle();
    const segment = segmentOf(fixture, session.recordingId, 0);
    expect(segment.durationMs).toBeGreaterThanOrEqual(1000);
    expect(segment.server).toBe('converted');
    expect(entryOf(fixture, session.recordingId).phase).toBe('finalized');
  });
});

describe('a full phone', () => {
  it('leaves no segment writing when not even a new segment file fits', async () => {
    const fixture = launchCore();
    const session = await fixture.core.startRecording();
    fixture.platform.files.quotaBytes = fixture.platform.files.usedBytes();
    fixture.platform.recorder.speak(500);
    expect(session.snapshot().error).toBe(STORAGE_FULL);
    expect(fixture.core.journal.get(session.recordingId)).toBeUndefined();
    expect([...fixture.platform.files.files.keys()]).toEqual([]);
  });
});
