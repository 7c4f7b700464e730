/** Steps the history-page tests share: make a finished recording, then open History and wait for it. */
import type { HistoryViewData } from '../../../miniprogram/view/history-controller';
import { speakFor, waitForState, type MiniApp } from './mini-app';

export async function recordAndStop(app: MiniApp, ms: number): Promise<string> {
  const page = app.page();
  await page.tap('onRecord');
  await waitForState(app, 'recording');
  await speakFor(app, ms);
  await page.tap('onStop');
  await app.waitFor(() => app.data().outcome === '完整录音已就绪', 'outcome shown');
  return app.data().recordingId;
}

export async function openHistory(app: MiniApp): Promise<() => HistoryViewData> {
  await app.sim.wx.reLaunch({ url: '/pages/history/history' });
  const history = () => app.page().instance.data as unknown as HistoryViewData;
  await app.waitFor(
    () => app.page().route === 'pages/history/history' && !history().loading,
    'history loaded',
  );
  return history;
}
