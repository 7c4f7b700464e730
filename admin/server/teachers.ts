/** Teacher accounts: create, find, and the demo teacher seeded in local mode. */
import { AppError, ErrorCode } from '../../typings/errors';
import type { TeacherDoc } from '../../typings/documents';
import { openStores, type CloudHandle } from '../../pipeline/cloud-handle';
import type { DocStore } from '../../pipeline/store/types';
import { hashPassword } from './auth/password';
import { checkPasswordPolicy } from './auth/password-policy';
import { endAllSessions } from './auth/session';
import { randomId } from './ids';
import { ADMIN_COLLECTIONS } from './store/collections';

const USERNAME_PATTERN = /^[A-Za-z0-9_.-]{3,32}$/;

export async function findTeacherByUsername(db: DocStore, username: string): Promise<TeacherDoc | undefined> {
  const [teacher] = await db.find<TeacherDoc>(
    ADMIN_COLLECTIONS.teachers,
    { username: username.toLowerCase() },
    { limit: 1 },
  );
  return teacher;
}

export interface NewTeacher {
  username: string;
  password: string;
  displayName?: string;
}

function checkNewTeacher(input: NewTeacher): void {
  if (!USERNAME_PATTERN.test(input.username)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'user name: 3–32 letters, digits, "_", "." or "-"');
  }
  checkPasswordPolicy(input.password);
}

export async function createTeacher(cloud: CloudHandle, input: NewTeacher): Promise<TeacherDoc> {
  checkNewTeacher(input);
  const { db } = openStores(cloud);
  if (await findTeacherByUsername(db, input.username)) {
    throw new AppError(ErrorCode.CONFLICT, `teacher "${input.username}" already exists`);
  }
  const doc: TeacherDoc = {
    _id: randomId(),
    username: input.username.toLowerCase(),
    displayName: input.displayName ?? input.username,
    passwordHash: await hashPassword(input.password),
    createdAt: new Date(),
  };
  await db.insert(ADMIN_COLLECTIONS.teachers, doc);
  return doc;
}

/**
 * Sets a new password (the CLI's `passwd`, and ADMIN_PASSWORD in local mode) and ends every session of
 * that teacher: whoever held an old cookie must sign in again with the new password.
 */
export async function setTeacherPassword(
  cloud: CloudHandle,
  username: string,
  password: string,
): Promise<void> {
  const { db } = openStores(cloud);
  const teacher = await findTeacherByUsername(db, username);
  if (!teacher) throw new AppError(ErrorCode.NOT_FOUND, `no teacher "${username}"`);
  checkNewTeacher({ username: teacher.username, password });
  await db.update(ADMIN_COLLECTIONS.teachers, teacher._id, { passwordHash: await hashPassword(password) });
  await endAllSessions(db, teacher._id);
}

export interface DemoCredentials {
  username: string;
  password: string;
  created: boolean;
}

/**
 * Local mode: make sure a teacher exists to sign in with. Uses ADMIN_USER / ADMIN_PASSWORD when set,
 * else `demo` with a fresh random password (printed by the caller; an existing demo keeps its password).
 */
export async function seedDemoTeacher(cloud: CloudHandle, env = process.env): Promise<DemoCredentials> {
  const username = env.ADMIN_USER ?? 'demo';
  const password = env.ADMIN_PASSWORD ?? randomId(9);
  const existing = await findTeacherByUsername(openStores(cloud).db, username);
  if (!existing) {
    await createTeacher(cloud, { username, password, displayName: 'Demo Teacher' });
    return { username, password, created: true };
  }
  if (!env.ADMIN_PASSWORD)
    return { username, password: '(unchanged; set ADMIN_PASSWORD to choose one)', created: false };
  // ADMIN_PASSWORD is the source of truth in local mode: keep the stored hash in step with it.
  await setTeacherPassword(cloud, username, password);
  return { username, password, created: false };
}
