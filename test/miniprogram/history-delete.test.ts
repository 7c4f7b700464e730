import { storedFiles } from '../../harness/stored-files';
import { openHistory, recordAndStop } from './support/history';
import { miniAppPerTest } from './support/mini-app';

const startApp = miniAppPerTest();

it('the student deletes a recording from history after confirming, and it is gone everywhere', async () => {
  const app = await startApp({ withProfile: true });
  app.sim.launch();
  const recordingId = await recordAndStop(app, 1000);
  const history = await openHistory(app);

  app.sim.ui.answerModal = () => ({ confirm: false });
  await app.page().tap('onDelete', { id: recordingId });
  expect(history().rows.map((r) => r.recordingId)).toEqual([recordingId]);
  expect(await app.recording(recordingId)).toBeDefined();

  app.sim.ui.answerModal = () => ({ confirm: true });
  await app.page().tap('onDelete', { id: recordingId });

  expect(app.sim.ui.callsOf('showModal')[1]?.options).toMatchObject({
    title: '删除这条录音？',
    confirmText: '删除',
  });
  expect(history()).toMatchObject({ rows: [], notice: '已删除' });
  expect(await app.recording(recordingId)).toBeUndefined();
  expect(await app.segments(recordingId)).toEqual([]);
  expect(await storedFiles(app.emu.dataDir, app.openid, recordingId)).toEqual([]);
  expect(app.core().journal.get(recordingId)).toBeUndefined();
  await openHistory(app);
  expect(history().rows).toEqual([]);
}, 180_000); // records, finalizes, deletes and reloads through the simulator: slow on a loaded machine
