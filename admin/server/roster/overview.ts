/**
 * The roster page's data: every roster entry with whether a registration matches it, and the
 * registrations that match no entry. A registration concerns this teacher when it submitted to one of
 * their assignments or names one of their roster classes.
 */
import type { RecordingDoc, StudentDoc } from '../../../typings/documents';
import type { RosterOverview } from '../../../typings/roster';
import type { DocStore } from '../../../pipeline/store/types';
import { listAssignments } from '../assignments/store';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { studentsById } from '../store/students';
import { matchRegistrations, type Registration } from './match';
import { listRoster } from './store';

async function submitterIds(db: DocStore, teacherId: string): Promise<string[]> {
  const assignmentIds = (await listAssignments(db, teacherId)).map((a) => a._id);
  if (assignmentIds.length === 0) return [];
  const recordings = await db.findAll<Pick<RecordingDoc, '_openid'>>(ADMIN_COLLECTIONS.recordings, {
    assignmentId: db.cmd.in(assignmentIds),
  });
  return [...new Set(recordings.map((r) => r._openid))];
}

async function registrationsFor(db: DocStore, teacherId: string, classes: string[]): Promise<Registration[]> {
  const byId = new Map<string, StudentDoc>();
  if (classes.length > 0) {
    const inClass = await db.findAll<StudentDoc>(ADMIN_COLLECTIONS.students, {
      className: db.cmd.in(classes),
    });
    for (const s of inClass) byId.set(s._id, s);
  }
  const submitters = (await submitterIds(db, teacherId)).filter((id) => !byId.has(id));
  for (let i = 0; i < submitters.length; i += 500) {
    for (const [id, s] of await studentsById(db, submitters.slice(i, i + 500))) byId.set(id, s);
  }
  const openids = [...new Set([...byId.keys(), ...submitters])];
  return openids.map((openid) => ({ openid, student: byId.get(openid) }));
}

export async function rosterOverview(db: DocStore, teacherId: string): Promise<RosterOverview> {
  const entries = await listRoster(db, teacherId);
  const classes = [...new Set(entries.map((e) => e.className))];
  const { entryByOpenid, unmatched } = matchRegistrations(
    entries,
    await registrationsFor(db, teacherId, classes),
  );
  const matched = new Map<string, string[]>();
  for (const [openid, entry] of entryByOpenid)
    matched.set(entry._id, [...(matched.get(entry._id) ?? []), openid]);
  return {
    entries: entries.map((e) => ({ ...e, matchedOpenids: matched.get(e._id) ?? [] })),
    unmatched: unmatched.map((r) => ({
      openid: r.openid,
      name: r.student?.name,
      className: r.student?.className,
    })),
  };
}
