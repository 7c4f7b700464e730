/** Two signed-in teachers on a fresh admin server, the first with one assignment: the scoping tests' world. */
import type { AdminClient } from '../../../harness/admin/http-client';
import { startAdminFixture, type AdminFixture } from './fixture';

export interface Teacher {
  client: AdminClient;
  teacherId: string;
}

export interface TwoTeachers {
  f: AdminFixture;
  a: Teacher;
  b: Teacher;
  /** An assignment of teacher a. */
  assignmentId: string;
}

export async function startTwoTeachers(assignmentTitle: string): Promise<TwoTeachers> {
  const f = await startAdminFixture();
  const a = await f.teacher('teacher_a');
  const b = await f.teacher('teacher_b');
  const body = { title: assignmentTitle, prompt: '', maxDurationSec: 60 };
  const assignmentId = (await a.client.data<{ _id: string }>('POST', '/api/assignments', body))._id;
  return { f, a, b, assignmentId };
}
