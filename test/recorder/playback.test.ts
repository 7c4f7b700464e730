import { Player } from '../../miniprogram/recorder/playback';
import { entryOf, launchCore, recordAndStop } from './support/core-fixture';
import { FakeAudio, settle } from './support/fake-port';

describe('playback source chain', () => {
  it('plays the local file while the phone still has it', async () => {
    const fixture = launchCore();
    fixture.platform.network.set(false);
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    session.pause();
    const segment = entryOf(fixture, session.recordingId).segments[0];
    await expect(fixture.core.playback.segment(session.recordingId, segment)).resolves.toEqual({
      kind: 'local',
      src: segment.localFile,
    });
  });

  it("falls back to the segment's MP3 through a temporary URL once the local file is gone", async () => {
    const fixture = launchCore();
    const recordingId = await recordAndStop(fixture, [500, 500]);
    const segment = entryOf(fixture, recordingId).segments[1];
    const source = await fixture.core.playback.segment(recordingId, segment);
    expect(source.kind).toBe('remote');
    expect(decodeURIComponent(source.src)).toContain(`${recordingId}/1.mp3`);
  });

  it('plays the whole recording from the full MP3 when the server made one', async () => {
    const fixture = launchCore();
    const recordingId = await recordAndStop(fixture, [500, 500]);
    const sources = await fixture.core.playback.whole(entryOf(fixture, recordingId));
    expect(sources).toHaveLength(1);
    expect(decodeURIComponent(sources[0].src)).toContain(`full-${recordingId}.mp3`);
  });

  it('plays the whole recording as its segments in order before it is finalized', async () => {
    const fixture = launchCore();
    fixture.platform.network.set(false);
    const recordingId = await recordAndStop(fixture, [500, 500]);
    const sources = await fixture.core.playback.whole(entryOf(fixture, recordingId));
    expect(sources.map((s) => [s.kind, s.src.split('/').pop()])).toEqual([
      ['local', '0.wav'],
      ['local', '1.wav'],
    ]);
  });

  it('refuses with NOT_FOUND when a segment has no audio anywhere', async () => {
    const fixture = launchCore();
    await expect(
      fixture.core.playback.segment('no-such-recording-0001', { seq: 3, server: 'failed' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('plays a list of sources one after another', async () => {
    const audio = new FakeAudio();
    const player = new Player(audio);
    player.play([
      { kind: 'local', src: 'a.wav' },
      { kind: 'remote', src: 'https://b.mp3' },
    ]);
    expect(audio.played).toEqual(['a.wav']);
    audio.finishCurrent();
    await settle(1);
    expect(audio.played).toEqual(['a.wav', 'https://b.mp3']);
  });
});
