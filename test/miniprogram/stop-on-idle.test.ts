import { miniAppPerTest, recordSegment, waitForState, type MiniApp } from './support/mini-app';

// With the screen-lock bug (`whenHidden: 'stop-silently'`) the platform drops its recording with no
// event; the app's next stop() then gets `operateRecorder:fail recorder not start` as on real phones.
const startApp = miniAppPerTest();
let app: MiniApp;

async function expectStoppedAndReady(current: MiniApp, segmentCount: number): Promise<void> {
  await current.waitFor(() => current.data().outcome === '完整录音已就绪', 'outcome shown');
  expect(current.data().state).not.toBe('error');
  const recordingId = current.data().recordingId;
  expect(await current.recording(recordingId)).toMatchObject({ status: 'ready', segmentCount });
  const segments = await current.segments(recordingId);
  expect(segments.map((s) => [s.seq, s.status])).toEqual(
    Array.from({ length: segmentCount }, (_, seq) => [seq, 'converted']),
  );
}

describe('stop() on a recorder the platform already stopped', () => {
  it('a screen lock while paused, then stop, ends the recording ready instead of in error', async () => {
    app = await startApp({ withProfile: true, sim: { recorder: { whenHidden: 'stop-silently' } } });
    const page = app.sim.launch();
    await recordSegment(app, 1500);
    app.sim.hide();
    app.sim.show();
    expect(app.sim.recorderState).toBe('idle');
    await page.tap('onStop');
    await expectStoppedAndReady(app, 1);
  });

  it('a screen lock while recording keeps what was said and the recording resumes and stops cleanly', async () => {
    app = await startApp({ withProfile: true, sim: { recorder: { whenHidden: 'stop-silently' } } });
    const page = app.sim.launch();
    await page.tap('onRecord');
    await waitForState(app, 'recording');
    await app.waitFor(() => (app.core().session?.snapshot().elapsedMs ?? 0) >= 1200, 'audio');
    app.sim.hide();
    app.sim.show();
    await waitForState(app, 'paused');
    await recordSegment(app, 1000);
    await page.tap('onStop');
    await expectStoppedAndReady(app, 2);
  });
});
