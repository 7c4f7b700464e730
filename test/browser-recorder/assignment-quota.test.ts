/**
 * Issue 15, item 6: one assignment link flooded with recordings. Past the per-assignment cap of open
 * recordings a new one is refused (RATE_LIMITED) whoever asks; here the per-identity cap is raised so
 * that only the assignment's cap can be what refuses.
 */
import { createAssignment } from '../../admin/server/assignments/store';
import { openStores } from '../../pipeline/cloud-handle';
import type { AssignmentDoc } from '../../typings/documents';
import { teacherSocket } from '../../harness/browser-recorder/socket-client';
import { useRecorderHarness } from './support/recorder-session';
import { outcome, start } from './support/start-outcome';

const PER_ASSIGNMENT = 3;
const recorder = useRecorderHarness({
  withPage: false,
  recorder: { limits: { resumeWindowMs: 200, maxOpenPerOwner: 10, maxOpenPerAssignment: PER_ASSIGNMENT } },
});
let assignment: AssignmentDoc;

beforeAll(async () => {
  assignment = await createAssignment(openStores(recorder.harness.cloud).db, recorder.harness.teacher.id, {
    title: 'Flooded',
    prompt: 'Say hello',
    maxDurationSec: 5,
  });
});

test('six recordings opened at once on one assignment: only the assignment’s cap start', async () => {
  const clients = await Promise.all(Array.from({ length: 6 }, () => teacherSocket(recorder.harness)));
  for (const client of clients) start(client, 'audio', assignment._id);
  const outcomes = await Promise.all(clients.map(outcome));
  expect(outcomes.filter((o) => o === 'started')).toHaveLength(PER_ASSIGNMENT);
  expect(outcomes.filter((o) => o === 'RATE_LIMITED')).toHaveLength(6 - PER_ASSIGNMENT);
  const refusal = clients.flatMap((c) => c.messages).find((m) => m.type === 'error');
  expect(refusal).toMatchObject({ message: expect.stringContaining('assignment') });
  // The same identity may still record outside the flooded assignment.
  const other = await teacherSocket(recorder.harness);
  start(other, 'audio');
  expect(await outcome(other)).toBe('started');
  for (const client of [...clients, other]) client.ws.close();
});
