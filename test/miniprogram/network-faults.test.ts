import { journalSegment, successfulCalls, traceSegmentStates } from './support/journal-view';
import { speakFor, miniAppPerTest, recordSegment, waitForStage, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

describe('uploads through network and cloud faults', () => {
  it('keeps a segment queued while offline and uploads it when the network returns', async () => {
    app = await startApp({ withProfile: true });
    app.sim.cloud.latencyMs = 300;
    app.sim.launch();
    await recordSegment(app, 1500);
    await waitForStage(app, 0, 'uploading');
    app.sim.setOnline(false); // drops while the upload is in flight
    await waitForStage(app, 0, 'retrying');
    const recordingId = app.data().recordingId;
    expect(await app.segments(recordingId)).toEqual([]);
    expect(journalSegment(app, recordingId, 0)?.lastError?.message).toMatch(/offline/);
    app.sim.setOnline(true);
    await waitForStage(app, 0, 'ready');
    const [segment] = await app.segments(recordingId);
    expect(segment).toMatchObject({ seq: 0, status: 'converted' });
    expect(segment.durationMs).toBe(journalSegment(app, recordingId, 0)?.durationMs);
  });

  it('shows ingestSegment failing twice, retries on its own, then shows it converted', async () => {
    app = await startApp({ withProfile: true });
    app.sim.cloud.failNextCalls('ingestSegment', 2);
    app.sim.launch();
    const states = traceSegmentStates(app);
    await recordSegment(app, 1000);
    await waitForStage(app, 0, 'retrying');
    expect(app.data().segments[0].error).toMatch(/functions execute fail/);
    await waitForStage(app, 0, 'ready');
    const recordingId = app.data().recordingId;
    expect(states.filter((s) => s === '0:uploaded/failed')).toHaveLength(2);
    expect(states[states.length - 1]).toBe('0:uploaded/converted');
    expect(journalSegment(app, recordingId, 0)?.attempts).toBe(3);
    expect(successfulCalls(app, 'cloud.uploadFile', (t) => t.includes(recordingId))).toBe(1);
    const [segment] = await app.segments(recordingId);
    expect(segment).toMatchObject({ status: 'converted', attempts: 1 });
  });

  it('loses nothing when the emulator restarts mid-run', async () => {
    app = await startApp({ withProfile: true });
    app.sim.launch();
    await recordSegment(app, 1000);
    const recordingId = app.data().recordingId;
    await waitForStage(app, 0, 'ready');
    const page = app.page();
    await page.tap('onResume');
    await speakFor(app, 1000);
    const restarting = app.emu.restart();
    await page.tap('onPause');
    await restarting;
    await waitForStage(app, 1, 'retrying');
    app.rebind(); // the phone reaches the same cloud again (the restarted emulator has a new port)
    await waitForStage(app, 1, 'ready');
    await page.tap('onStop');
    await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown');
    const segments = await app.segments(recordingId);
    expect(segments.map((s) => [s.seq, s.status])).toEqual([
      [0, 'converted'],
      [1, 'converted'],
    ]);
    expect((await app.recording(recordingId))?.status).toBe('ready');
  });
});
