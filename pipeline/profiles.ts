/** Student profiles (name and class, asked once) and the public face of an assignment. */
import { AppError, ErrorCode } from '../typings/errors';
import { COLLECTIONS, type AssignmentDoc, type StudentDoc } from '../typings/documents';
import type { AssignmentView } from '../typings/functions';
import { checkPayload } from '../typings/schemas/check-payload';
import { GetAssignmentRequestSchema, SaveStudentProfileRequestSchema } from '../typings/schemas/functions';
import { openStores, type CloudHandle } from './cloud-handle';
import { requireOwnerId } from './recordings/ownership';

export async function saveStudentProfile(handle: CloudHandle, callerId: string | undefined, input: unknown) {
  const openid = requireOwnerId(callerId);
  const request = checkPayload(SaveStudentProfileRequestSchema, input);
  const name = request.name.trim();
  const className = request.className.trim();
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
  const id = checkPayload(GetAssignmentRequestSchema, input).assignmentId;
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
