/** Student profiles (name and class, asked once) and the public face of an assignment. */
import { AppError, ErrorCode } from '../typings/errors';
import { COLLECTIONS, type AssignmentDoc, type StudentDoc } from '../typings/documents';
import type { AssignmentView, GetAssignmentRequest, SaveStudentProfileRequest } from '../typings/functions';
import { openStores, type CloudHandle } from './cloud-handle';
import { requireOwnerId } from './recordings/ownership';

function requireText(value: unknown, name: string, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text || text.length > max) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, `${name} must be 1–${max} characters`);
  }
  return text;
}

export async function saveStudentProfile(handle: CloudHandle, callerId: string | undefined, input: unknown) {
  const openid = requireOwnerId(callerId);
  const f = (input ?? {}) as Partial<SaveStudentProfileRequest>;
  const name = requireText(f.name, 'name', 40);
  const className = requireText(f.className, 'className', 40);
  const { db } = openStores(handle);
  const existing = await db.get<StudentDoc>(COLLECTIONS.students, openid);
  const now = new Date();
  const doc: StudentDoc = {
    _id: openid,
    name,
    className,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await db.replace(COLLECTIONS.students, openid, doc);
  return { name, className };
}

export async function getStudentProfile(handle: CloudHandle, callerId: string | undefined) {
  const openid = requireOwnerId(callerId);
  const doc = await openStores(handle).db.get<StudentDoc>(COLLECTIONS.students, openid);
  return { profile: doc ? { name: doc.name, className: doc.className } : null };
}

export async function getAssignment(
  handle: CloudHandle,
  callerId: string | undefined,
  input: unknown,
): Promise<AssignmentView> {
  requireOwnerId(callerId);
  const id = (input as Partial<GetAssignmentRequest> | undefined)?.assignmentId;
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
    throw new AppError(ErrorCode.INVALID_ARGUMENT, 'assignmentId must be up to 64 URL-safe characters');
  }
  const doc = await openStores(handle).db.get<AssignmentDoc>(COLLECTIONS.assignments, id);
  if (!doc) throw new AppError(ErrorCode.NOT_FOUND, 'no such assignment');
  // Students see what to record, never which teacher set it.
  return {
    _id: doc._id,
    title: doc.title,
    prompt: doc.prompt,
    maxDurationSec: doc.maxDurationSec,
    dueAt: doc.dueAt,
  };
}
