import { formatDuration } from '../../miniprogram/view/format';
import { expectGaplessFullMp3 } from './support/gapless';
import { miniAppPerTest, recordSegment, speakFor, waitForState, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

describe('a long take without pauses', () => {
  it('a 3-minute continuous take uploads in ≥ 6 automatic segments and its full MP3 has no gap or duplicate at any cut', async () => {
    app = await startApp({ withProfile: true, loopMicrophone: true, speed: 20 });
    const page = app.sim.launch();
    await app.waitFor(() => app.data().labels.record !== undefined, 'page loaded');
    await page.tap('onRecord');
    await waitForState(app, 'recording');
    await speakFor(app, 181_000);
    const recordingId = app.data().recordingId;
    // Cut segments went up while the student was still reading.
    const uploadedWhileRecording = app
      .core()
      .journal.get(recordingId)
      ?.segments.filter((s) => s.fileID);
    expect(uploadedWhileRecording?.length).toBeGreaterThanOrEqual(4);
    await page.tap('onStop');
    await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown', 120_000);

    const segments = await app.segments(recordingId);
    expect(segments.length).toBeGreaterThanOrEqual(6);
    expect(segments.map((s) => s.cut)).toEqual([...segments.slice(1).map(() => 'auto'), 'stop']);
    expect(segments.every((s) => s.status === 'converted')).toBe(true);
    const recording = await app.recording(recordingId);
    expect(recording).toMatchObject({ status: 'ready', segmentCount: segments.length });
    // The student sees one take, not the 30 s uploads it was cut into.
    expect(app.data().takes).toEqual([
      expect.objectContaining({ seq: 0, title: '第 1 段', stage: 'ready', canPlay: true }),
    ]);

    // Read as the server does: under the owner-only storage rule the student does not own full.mp3.
    const { fileContent } = await app.emu.nodeApp().downloadFile({ fileID: recording!.fullMp3FileID! });
    await expectGaplessFullMp3(fileContent as Buffer, segments, app.sim.mic);
  });
});

describe('takes on the record page', () => {
  it('lists a short take and a long auto-cut take as two rows, and plays the long one as all its parts', async () => {
    app = await startApp({ withProfile: true, loopMicrophone: true, speed: 20 });
    const page = app.sim.launch();
    await app.waitFor(() => app.data().labels.record !== undefined, 'page loaded');
    await recordSegment(app, 2000);
    await recordSegment(app, 65_000);
    await app.waitFor(() => app.data().takes.every((take) => take.stage === 'ready'), 'takes ready');
    const segments = app.core().journal.get(app.data().recordingId)?.segments ?? [];
    // How many automatic cuts the 65 s take gets depends on the uplink the recorder measured (cut-policy.ts).
    const parts = segments.slice(1);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(segments.map((s) => s.cut)).toEqual(['pause', ...parts.slice(0, -1).map(() => 'auto'), 'pause']);
    const long = parts.reduce((sum, s) => sum + s.durationMs, 0);
    expect(app.data().takes.map((take) => [take.seq, take.title, take.duration])).toEqual([
      [0, '第 1 段', formatDuration(segments[0]!.durationMs)],
      [1, '第 2 段', formatDuration(long)],
    ]);
    await page.tap('onPlayTake', { seq: 1 });
    // The take's parts play one after another (each ends on the simulator's clock).
    await app.waitFor(() => app.sim.audioPlayed.length === parts.length, 'all its parts played');
    expect(app.sim.audioPlayed.map((src) => Number(/(\d+)\.mp3/.exec(src)?.[1]))).toEqual(
      parts.map((s) => s.seq),
    );
  });
});
