/**
 * First-start demo data: the demo teacher, one assignment, and (through `recordDemo`) one recording made
 * by the real Mini Program code in the wx simulator. Credentials are kept in the data dir so every later
 * start can print them again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAssignment, listAssignments } from '../../admin/server/assignments/store';
import { findTeacherByUsername, seedDemoTeacher } from '../../admin/server/teachers';
import { openStores, type CloudHandle } from '../../pipeline/cloud-handle';
import { COLLECTIONS, type AssignmentDoc } from '../../typings/documents';

export interface DemoSeed {
  username: string;
  password: string;
  assignment: AssignmentDoc;
  firstStart: boolean;
}

export const DEMO_ASSIGNMENT = {
  title: '朗读练习 · Reading aloud',
  prompt:
    'Read the paragraph aloud, pausing between sentences: “The quick brown fox jumps over the lazy dog…”',
  maxDurationSec: 300,
};

function credentialsFile(dataDir: string): string {
  return path.join(dataDir, 'demo-teacher.json');
}

async function demoCredentials(
  cloud: CloudHandle,
  dataDir: string,
): Promise<{ username: string; password: string; created: boolean }> {
  const file = credentialsFile(dataDir);
  const seeded = await seedDemoTeacher(cloud);
  if (seeded.created || process.env.ADMIN_PASSWORD) {
    writeFileSync(file, JSON.stringify({ username: seeded.username, password: seeded.password }), {
      mode: 0o600,
    });
    return seeded;
  }
  if (existsSync(file))
    return {
      ...(JSON.parse(readFileSync(file, 'utf8')) as { username: string; password: string }),
      created: false,
    };
  return seeded;
}

/** The demo teacher's assignment, found by its title (what `npm run demo` records into). */
export async function findDemoAssignment(cloud: CloudHandle): Promise<AssignmentDoc | undefined> {
  const { db } = openStores(cloud);
  const [assignment] = await db.find<AssignmentDoc>(
    COLLECTIONS.assignments,
    { title: DEMO_ASSIGNMENT.title },
    { limit: 1 },
  );
  return assignment;
}

export async function seedDemo(cloud: CloudHandle, dataDir: string): Promise<DemoSeed> {
  const { username, password, created } = await demoCredentials(cloud, dataDir);
  const { db } = openStores(cloud);
  const teacher = await findTeacherByUsername(db, username);
  if (!teacher) throw new Error(`demo teacher "${username}" was not created`);
  const existing = (await listAssignments(db, teacher._id)).find((a) => a.title === DEMO_ASSIGNMENT.title);
  const assignment = existing ?? (await createAssignment(db, teacher._id, DEMO_ASSIGNMENT));
  return { username, password, assignment, firstStart: created };
}
