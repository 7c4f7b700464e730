/**
 * A student opens an assignment link with no account: gives a name and class once, gets a signed
 * `web_…` cookie identity, records, and the recording is theirs and the assignment's. A tampered cookie
 * is nobody.
 */
import { createAssignment } from '../../admin/server/assignments/store';
import { openStores } from '../../pipeline/cloud-handle';
import { COLLECTIONS, type AssignmentDoc, type RecordingDoc, type StudentDoc } from '../../typings/documents';
import {
  openRecorder,
  PCM_BYTES_PER_SECOND,
  stopAndWait,
  waitForAudioBytes,
  waitForState,
} from './support/recorder-page';
import { registerStudent } from '../../harness/browser-recorder/socket-client';
import { useRecorderSession } from './support/recorder-session';

const session = useRecorderSession();
let assignment: AssignmentDoc;

beforeAll(async () => {
  const { db } = openStores(session.harness.cloud);
  assignment = await createAssignment(db, session.harness.teacher.id, {
    title: 'Read aloud',
    prompt: 'Read it',
    maxDurationSec: 60,
  });
});

test('a student from an assignment link names themself once and records as a web_ identity for that assignment', async () => {
  const { harness, browser } = session;
  const query = `&assignment=${assignment._id}`;
  const page = await openRecorder(browser.context, harness, query);
  await waitForState(page, 'blocked');
  await page.locator('#assignment', { hasText: 'Read aloud' }).waitFor();
  await page.fill('#student-name', 'Li Lei');
  await page.fill('#student-class', 'Class 3');
  await page.click('#student-form button[type=submit]');
  await waitForState(page, 'ready');

  await page.click('#record');
  await waitForAudioBytes(page, 1.5 * PCM_BYTES_PER_SECOND);
  const { recording } = await stopAndWait(page);

  const { db } = openStores(harness.cloud);
  const doc = await db.get<RecordingDoc>(COLLECTIONS.recordings, recording.recordingId);
  expect(doc).toMatchObject({ source: 'browser', status: 'ready', assignmentId: assignment._id });
  expect(doc!._openid).toMatch(/^web_[A-Za-z0-9_-]{16,}$/);
  expect(await db.get<StudentDoc>(COLLECTIONS.students, doc!._openid)).toMatchObject({
    name: 'Li Lei',
    className: 'Class 3',
  });

  // The second visit goes straight to the recorder: the signed cookie is the identity.
  const again = await openRecorder(browser.context, harness, query);
  await waitForState(again, 'ready');
  expect(await again.isHidden('#student-form')).toBe(true);
}, 240_000);

function registerHanMeimei(assignmentId: string): Promise<Response> {
  return registerStudent(session.harness.serverUrl, {
    name: 'Han Meimei',
    className: 'Class 3',
    assignmentId,
  });
}

test('a student cookie with a forged signature gets no ticket', async () => {
  const { harness } = session;
  const setCookie = (await registerHanMeimei(assignment._id)).headers.get('set-cookie')!;
  const signed = decodeURIComponent(/recorder_student=([^;]+)/.exec(setCookie)![1]);
  const ticket = (cookie: string) => fetch(`${harness.serverUrl}/record/api/ticket`, { headers: { cookie } });
  expect((await ticket(`recorder_student=${encodeURIComponent(signed)}`)).status).toBe(200);

  const forged = signed.replace(/\.[^.]+$/, '.forged');
  expect((await ticket(`recorder_student=${encodeURIComponent(forged)}`)).status).toBe(401);
});

test('a student name for an assignment that does not exist is refused and sets no cookie', async () => {
  const response = await registerHanMeimei('no-such-assignment');
  expect(response.status).toBe(404);
  expect(response.headers.get('set-cookie')).toBeNull();
});
