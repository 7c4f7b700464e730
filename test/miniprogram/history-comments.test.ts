/**
 * The student's side of pinned comments: the real Mini Program in the wx simulator records through the
 * emulator, the teacher pins comments with the admin server's own code, and the history page shows them
 * ("0:01 …") and plays the recording from a comment's moment when it is tapped.
 */
import { addComment } from '../../admin/server/recordings/comments';
import { saveReview } from '../../admin/server/recordings/review';
import { openStores } from '../../pipeline/cloud-handle';
import type { RecordingDoc } from '../../typings/documents';
import { openHistory, recordAndStop } from './support/history';
import { miniAppPerTest, type MiniApp } from './support/mini-app';

const startApp = miniAppPerTest();

/** What the teacher does in the admin page, through the admin server's own functions. */
async function teacherPins(app: MiniApp, recordingId: string, pins: Array<[number, string]>): Promise<void> {
  const { db } = openStores(app.emu.nodeApp());
  for (const [atMs, text] of pins) {
    const recording = (await app.recording(recordingId)) as RecordingDoc;
    await addComment(db, 'teacher-1', recording, { atMs, text });
  }
  await saveReview(db, 'teacher-1', (await app.recording(recordingId)) as RecordingDoc, {
    status: 'reviewed',
    score: 90,
  });
}

it('the history shows pinned comments once reviewed, in time order, and tapping one plays from that moment', async () => {
  const app = await startApp({ withProfile: true });
  app.sim.launch();
  const recordingId = await recordAndStop(app, 3000);
  const { durationMs } = (await app.recording(recordingId)) as RecordingDoc;
  expect(durationMs).toBeGreaterThan(2500);
  // A comment on a recording the teacher has not marked reviewed yet stays hidden, like the score.
  const { db } = openStores(app.emu.nodeApp());
  await addComment(db, 'teacher-1', (await app.recording(recordingId)) as RecordingDoc, {
    atMs: 2400,
    text: 'dropped the final -s',
  });
  expect((await openHistory(app))().rows[0]?.comments).toEqual([]);
  await teacherPins(app, recordingId, [[1200, 'rising tone here']]);
  const history = await openHistory(app);
  expect(history().rows[0]?.comments).toEqual([
    { id: expect.any(String), atMs: 1200, time: '0:01', text: 'rising tone here' },
    { id: expect.any(String), atMs: 2400, time: '0:02', text: 'dropped the final -s' },
  ]);
  await app.page().tap('onPlayComment', { id: recordingId, at: 2400 });
  await app.waitFor(() => app.sim.audioPlayed.length === 1, 'playback from the comment');
  expect(app.sim.audioPlayed[0]).toMatch(/full\.mp3/);
  expect(app.sim.audioPlayedFrom[0]).toBeCloseTo(2.4, 3);
});
