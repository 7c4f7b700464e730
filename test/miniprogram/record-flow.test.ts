import { decodeMp3, rms } from '../../harness/audio-analysis';
import { miniAppPerTest, recordSegment, waitForStage, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

describe('record page against the emulator and the real cloud functions', () => {
  it('record → pause → resume → pause → stop lands converted segments and a playable full MP3', async () => {
    app = await startApp({ withProfile: true });
    const page = app.sim.launch();
    await app.waitFor(() => app.data().labels.record !== undefined, 'page loaded');
    await recordSegment(app, 2000);
    await recordSegment(app, 1500);
    await waitForStage(app, 1, 'ready');
    await page.tap('onStop');
    await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown');

    const recordingId = app.data().recordingId;
    const segments = await app.segments(recordingId);
    expect(segments.map((s) => [s.seq, s.status, s._openid])).toEqual([
      [0, 'converted', app.openid],
      [1, 'converted', app.openid],
    ]);
    const recording = await app.recording(recordingId);
    expect(recording).toMatchObject({
      status: 'ready',
      segmentCount: 2,
      _openid: app.openid,
      source: 'miniprogram',
    });
    const full = await app.emu.readFile(recording!.fullMp3FileID!);
    const decoded = await decodeMp3(full);
    const samples = segments.reduce((sum, s) => sum + s.samples, 0);
    expect(decoded.sampleRate).toBe(16000);
    expect(decoded.samples.length).toBe(samples);
    expect(samples).toBeGreaterThanOrEqual(16000 * 3.5);
    expect(rms(decoded, 0, decoded.samples.length)).toBeGreaterThan(0.01);
  });
});
