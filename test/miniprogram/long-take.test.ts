import type { PcmAudio } from '../../pipeline/audio/pcm';
import { decodeMp3, measureJoinGaps } from '../../harness/audio-analysis';
import { formatDuration } from '../../miniprogram/view/format';
import { miniAppPerTest, recordSegment, speakFor, waitForState, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

/** What the looping microphone played for the first `frames` sample frames of the recording. */
function heardSpeech(current: MiniApp, frames: number): PcmAudio {
  const mic = current.sim.mic;
  if (!mic) throw new Error('no microphone');
  const wav = mic.pcmAt(16000, 1);
  const samples = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) samples[i] = wav[i % wav.length] ?? 0;
  return { samples, sampleRate: 16000, channels: 1 };
}

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
    const decoded = await decodeMp3(fileContent as Buffer);
    const total = segments.reduce((sum, s) => sum + s.samples, 0);
    expect(decoded.samples.length).toBe(total);
    const joins = segments
      .slice(0, -1)
      .map((_, i) => segments.slice(0, i + 1).reduce((sum, s) => sum + s.samples, 0));
    for (const join of measureJoinGaps(decoded, heardSpeech(app, total), joins)) {
      expect(join).toMatchObject({ gapMs: 0, reliable: true });
    }
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
    expect(segments.map((s) => s.cut)).toEqual(['pause', 'auto', 'auto', 'pause']);
    const long = segments.slice(1).reduce((sum, s) => sum + s.durationMs, 0);
    expect(app.data().takes.map((take) => [take.seq, take.title, take.duration])).toEqual([
      [0, '第 1 段', formatDuration(segments[0]!.durationMs)],
      [1, '第 2 段', formatDuration(long)],
    ]);
    await page.tap('onPlayTake', { seq: 1 });
    // The take's three parts play one after another (each ends on the simulator's clock).
    await app.waitFor(() => app.sim.audioPlayed.length === 3, 'all three parts played');
    expect(app.sim.audioPlayed.map((src) => /(\d+)\.mp3/.exec(src)?.[1])).toEqual(['1', '2', '3']);
  });
});
