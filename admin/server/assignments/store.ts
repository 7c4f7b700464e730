/** Assignment documents: create, edit and list, always scoped to the owning teacher. */
import type { Static } from '@sinclair/typebox';
import type { AssignmentDoc } from '../../../typings/documents';
import type { AssignmentBody } from '../../../typings/schemas/admin';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { DocStore } from '../../../pipeline/store/types';
import { randomId } from '../ids';
import { ADMIN_COLLECTIONS } from '../store/collections';

/** The most assignments one teacher can have; listing and recording scopes read them all at once. */
export const MAX_ASSIGNMENTS_PER_TEACHER = 1000;

export type AssignmentInput = Static<typeof AssignmentBody>;

export function miniProgramPath(assignmentId: string): string {
  return `pages/record/record?assignment=${encodeURIComponent(assignmentId)}`;
}

function parseDue(dueAt: string): Date {
  const date = new Date(dueAt);
  if (Number.isNaN(date.getTime()))
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `dueAt is not a date: ${dueAt}`);
  return date;
}

export async function createAssignment(db: DocStore, teacherId: string, input: AssignmentInput) {
  const now = new Date();
  const doc: AssignmentDoc = {
    _id: randomId(),
    teacherId,
    title: input.title.trim(),
    prompt: input.prompt,
    maxDurationSec: input.maxDurationSec,
    ...(input.dueAt ? { dueAt: parseDue(input.dueAt) } : {}),
    ...(input.retentionDays ? { retentionDays: input.retentionDays } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(ADMIN_COLLECTIONS.assignments, doc);
  return doc;
}

/** The teacher's own assignment; another teacher's looks exactly like a missing one. */
export async function getOwnAssignment(db: DocStore, teacherId: string, id: string): Promise<AssignmentDoc> {
  const doc = await db.get<AssignmentDoc>(ADMIN_COLLECTIONS.assignments, id);
  if (!doc || doc.teacherId !== teacherId) throw new AppError(ErrorCode.NOT_FOUND, `no assignment ${id}`);
  return doc;
}

function changesOf(db: DocStore, patch: Partial<AssignmentInput>): Record<string, unknown> {
  const changes: Record<string, unknown> = { updatedAt: new Date() };
  if (patch.title !== undefined) changes.title = patch.title.trim();
  if (patch.prompt !== undefined) changes.prompt = patch.prompt;
  if (patch.maxDurationSec !== undefined) changes.maxDurationSec = patch.maxDurationSec;
  if (patch.dueAt !== undefined)
    changes.dueAt = patch.dueAt === null ? db.cmd.remove() : parseDue(patch.dueAt);
  if (patch.retentionDays !== undefined)
    changes.retentionDays = patch.retentionDays === null ? db.cmd.remove() : patch.retentionDays;
  return changes;
}

export async function updateAssignment(
  db: DocStore,
  teacherId: string,
  id: string,
  patch: Partial<AssignmentInput>,
): Promise<AssignmentDoc> {
  await getOwnAssignment(db, teacherId, id);
  await db.update(ADMIN_COLLECTIONS.assignments, id, changesOf(db, patch));
  return getOwnAssignment(db, teacherId, id);
}

export function listAssignments(db: DocStore, teacherId: string): Promise<AssignmentDoc[]> {
  return db.find<AssignmentDoc>(
    ADMIN_COLLECTIONS.assignments,
    { teacherId },
    { orderBy: [['createdAt', 'desc']], limit: MAX_ASSIGNMENTS_PER_TEACHER },
  );
}
