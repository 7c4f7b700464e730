import { addComment } from '../../admin/server/recordings/comments';
import { saveReview } from '../../admin/server/recordings/review';
import { openStores } from '../../pipeline/cloud-handle';
import type { HistoryViewData } from '../../miniprogram/view/history-controller';
import { COLLECTIONS, type RecordingDoc } from '../../typings/documents';
import type { Scene } from './record-scenes';
import type { Phone, Stage } from './stage';

async function recordAndStop(phone: Phone): Promise<string> {
  await phone.press('onRecord');
  await phone.until(() => phone.record().state === 'recording', 'recording');
  const session = phone.core().session;
  await phone.until(() => (session?.snapshot().elapsedMs ?? 0) >= 3000, '3 s of audio');
  await phone.press('onStop');
  await phone.until(() => phone.record().outcome !== '' && phone.record().state === 'stopped', 'stopped');
  await phone.until(() => phone.record().takes.every((t) => t.stage === 'ready'), 'ready');
  return phone.record().recordingId;
}

async function recordingDoc(stage: Stage, recordingId: string): Promise<RecordingDoc> {
  const res = await stage.emu.nodeApp().database().collection(COLLECTIONS.recordings).doc(recordingId).get();
  const doc = res.data[0] as RecordingDoc | undefined;
  if (!doc) throw new Error(`recording ${recordingId} is not in the database`);
  return doc;
}

/** What a teacher does in the admin page, through the admin server's own functions. */
async function teacherReviews(stage: Stage, recordingId: string): Promise<void> {
  const { db } = openStores(stage.emu.nodeApp());
  const pins: Array<[number, string]> = [
    [1200, '这里的停顿很好。'],
    [2400, '“春天像刚落地的娃娃”——“娃娃”两个字读得再轻一点，语气会更自然，整段也会更流畅。'],
  ];
  for (const [atMs, text] of pins)
    await addComment(db, 'teacher-1', await recordingDoc(stage, recordingId), { atMs, text });
  await saveReview(db, 'teacher-1', await recordingDoc(stage, recordingId), {
    status: 'reviewed',
    score: 92,
    comment: '读得很流利，声音洪亮。注意“朗润”的“润”是后鼻音吗？查一查字典再读一遍。',
  });
}

export const HISTORY_SCENES: Scene[] = [
  {
    name: 'history-reviewed',
    caption: 'History: a recording with the teacher’s score, comment and pinned comments',
    async reach(stage) {
      const phone = await stage.phone();
      phone.sim.launch();
      const recordingId = await recordAndStop(phone);
      await teacherReviews(stage, recordingId);
      await phone.sim.wx.reLaunch({ url: '/pages/history/history' });
      const history = () => phone.page().instance.data as unknown as HistoryViewData;
      await phone.until(
        () =>
          phone.page().route === 'pages/history/history' && !history().loading && history().rows.length > 0,
        'history loaded',
      );
      return phone;
    },
  },
];
