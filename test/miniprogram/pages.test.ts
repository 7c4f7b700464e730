import type { HistoryViewData } from '../../miniprogram/view/history-controller';
import { COLLECTIONS, type StudentDoc } from '../../typings/documents';
import {
  addAssignment,
  speakFor,
  miniAppPerTest,
  recordSegment,
  waitForStage,
  waitForState,
  type MiniApp,
} from './support/mini-app';

const startApp = miniAppPerTest();
let app: MiniApp;

const input = (value: string) => ({ detail: { value } });

async function recordAndStop(current: MiniApp): Promise<string> {
  const page = current.page();
  await page.tap('onRecord');
  await waitForState(current, 'recording');
  await speakFor(current, 1000);
  await page.tap('onStop');
  await current.waitFor(() => current.data().outcome === '完整录音已就绪', 'outcome shown');
  return current.data().recordingId;
}

describe('pages', () => {
  it('asks for the name and class once and stores them in the students collection', async () => {
    app = await startApp();
    const page = app.sim.launch();
    await app.waitFor(() => app.data().needsProfile, 'profile form');
    const methods = page.instance as unknown as Record<string, (e: unknown) => Promise<void> | void>;
    await methods.onNameInput(input('韩梅梅'));
    await methods.onClassInput(input('三年二班'));
    await page.tap('onSaveProfile');
    expect(app.data().needsProfile).toBe(false);
    const res = await app.emu.nodeApp().database().collection(COLLECTIONS.students).doc(app.openid).get();
    expect(res.data[0] as StudentDoc).toMatchObject({
      _id: app.openid,
      name: '韩梅梅',
      className: '三年二班',
    });
    app.sim.relaunch();
    await app.waitFor(() => app.data().labels.record !== undefined, 'page loaded');
    expect(app.data().needsProfile).toBe(false);
    expect(app.sim.cloud.calls.filter((c) => c.target === 'getStudentProfile')).toHaveLength(1);
  });

  it('shows the assignment prompt and files the recording under the assignment', async () => {
    app = await startApp({ withProfile: true });
    await addAssignment(app, { _id: 'reading-week-3', title: '第三周朗读', prompt: '请朗读课文第一段。' });
    app.sim.launch('pages/record/record?assignment=reading-week-3');
    await app.waitFor(() => app.data().assignmentPrompt !== '', 'prompt shown');
    expect(app.data()).toMatchObject({
      assignmentTitle: '第三周朗读',
      assignmentPrompt: '请朗读课文第一段。',
    });
    const recordingId = await recordAndStop(app);
    expect(await app.recording(recordingId)).toMatchObject({
      assignmentId: 'reading-week-3',
      status: 'ready',
    });
  });

  it('plays a segment from the phone while it is there, then from its MP3', async () => {
    app = await startApp({ withProfile: true });
    const page = app.sim.launch();
    app.sim.setOnline(false);
    await recordSegment(app, 1000);
    await page.tap('onPlayTake', { seq: 0 });
    await app.waitFor(() => app.sim.audioPlayed.length === 1, 'local playback');
    expect(app.sim.audioPlayed[0]).toMatch(/^wxfile:\/\/usr\/recorder\/.+\/0\.wav$/);
    app.sim.setOnline(true);
    await waitForStage(app, 0, 'ready');
    await page.tap('onPlayTake', { seq: 0 });
    await app.waitFor(() => app.sim.audioPlayed.length === 2, 'MP3 playback');
    expect(app.sim.audioPlayed[1]).toMatch(/^https?:\/\/.+0\.mp3/);
  });

  it('lists the student’s recordings in history and plays the full MP3', async () => {
    app = await startApp({ withProfile: true });
    app.sim.launch();
    const recordingId = await recordAndStop(app);
    await app.sim.wx.reLaunch({ url: '/pages/history/history' });
    const history = () => app.page().instance.data as unknown as HistoryViewData;
    await app.waitFor(
      () => app.page().route === 'pages/history/history' && !history().loading,
      'history loaded',
    );
    expect(history().rows).toEqual([
      expect.objectContaining({ recordingId, status: 'ready', statusText: '完整录音已就绪', canPlay: true }),
    ]);
    await app.page().tap('onPlay', { id: recordingId });
    await app.waitFor(() => app.sim.audioPlayed.length === 1, 'full MP3 playback');
    expect(app.sim.audioPlayed[0]).toMatch(/full\.mp3/);
  });
});
