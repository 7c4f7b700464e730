import { journalSegment, successfulCalls } from './support/journal-view';
import {
  speakFor,
  miniAppPerTest,
  recordSegment,
  waitForStage,
  waitForState,
  type MiniApp,
} from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

/** Seconds of the microphone's WAV the recorder has heard so far (the simulator keeps it privately). */
function micHeardMs(current: MiniApp): number {
  return (current.sim.mic as unknown as { positionSeconds: number }).positionSeconds * 1000;
}

describe('the app and page lifecycle', () => {
  it('resumes an upload after the page is reloaded mid-upload, without a duplicate', async () => {
    app = await startApp({ withProfile: true });
    app.sim.cloud.latencyMs = 400;
    const page = app.sim.launch();
    await recordSegment(app, 1200);
    await waitForStage(app, 0, 'uploading');
    const recordingId = app.data().recordingId;
    await app.sim.wx.reLaunch({ url: '/pages/record/record' });
    await app.waitFor(() => app.page() !== page, 'a new page');
    expect(app.data().recordingId).toBe(recordingId);
    await waitForStage(app, 0, 'ready');
    expect(await app.segments(recordingId)).toHaveLength(1);
    expect(successfulCalls(app, 'cloud.uploadFile', (t) => t.includes(recordingId))).toBe(1);
    expect(successfulCalls(app, 'cloud.callFunction', (t) => t === 'ingestSegment')).toBe(1);
  });

  it('keeps earlier segments and recovers the current one to within 1 s when the app is killed mid-recording', async () => {
    app = await startApp({ withProfile: true });
    const page = app.sim.launch();
    await recordSegment(app, 2000);
    await waitForStage(app, 0, 'ready');
    await page.tap('onResume');
    await speakFor(app, 2500);
    const recordingId = app.data().recordingId;
    app.sim.kill();
    const heardMs = micHeardMs(app);
    app.sim.launch();
    await app.waitFor(
      () => app.core().journal.get(recordingId)?.phase === 'finalized',
      'recovered and finalized',
    );
    const segments = await app.segments(recordingId);
    expect(segments.map((s) => [s.seq, s.status])).toEqual([
      [0, 'converted'],
      [1, 'converted'],
    ]);
    const recordedMs = ((segments[0].samples + segments[1].samples) / 16000) * 1000;
    expect(heardMs - recordedMs).toBeGreaterThanOrEqual(0);
    expect(heardMs - recordedMs).toBeLessThanOrEqual(1000);
    expect((await app.recording(recordingId))?.status).toBe('ready');
  });

  it('redoes an upload the kill cut off and ingests the segment once', async () => {
    app = await startApp({ withProfile: true });
    app.sim.cloud.latencyMs = 400;
    app.sim.launch();
    await recordSegment(app, 1000);
    const recordingId = app.data().recordingId;
    await app.waitFor(() => journalSegment(app, recordingId, 0)?.upload === 'uploading', 'upload in flight');
    app.sim.cloud.latencyMs = 0;
    app.sim.relaunch();
    await app.waitFor(
      () => app.core().journal.get(recordingId)?.phase === 'finalized',
      'finalized after relaunch',
    );
    const segments = await app.segments(recordingId);
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({ status: 'converted', attempts: 1 });
    expect(journalSegment(app, recordingId, 0)?.attempts).toBe(2);
  });

  it('refuses a second start while recording, with the bus message on the page', async () => {
    app = await startApp({ withProfile: true });
    const page = app.sim.launch();
    await page.tap('onRecord');
    await waitForState(app, 'recording');
    const recordingId = app.data().recordingId;
    await page.tap('onRecord');
    expect(app.data().notice).toBe('已有录音正在进行，请先结束它');
    expect(app.data().recordingId).toBe(recordingId);
    expect(
      app
        .core()
        .recordings()
        .map((r) => r.recordingId),
    ).toEqual([recordingId]);
    expect(app.sim.recorderState).toBe('recording');
  });
});
