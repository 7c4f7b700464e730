/** Review, score and comment: each field saved on its own, so two quick edits never overwrite each other. */
import type { Static } from '@sinclair/typebox';
import type { RecordingDoc } from '../../../typings/documents';
import type { ReviewBody } from '../../../typings/schemas/admin';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from '../store/collections';

export type ReviewPatch = Static<typeof ReviewBody>;

/**
 * A first score, comment or pinned comment starts the review as `needs_review`; a review that already has
 * a status keeps it. The condition is checked by the database in the same write, so a concurrent
 * "mark reviewed" is never undone by an edit that read the recording before it.
 */
export async function startReviewIfNew(db: DocStore, teacherId: string, recordingId: string): Promise<void> {
  await db.updateWhere(
    ADMIN_COLLECTIONS.recordings,
    { _id: recordingId, 'review.status': db.cmd.exists(false) },
    { 'review.status': 'needs_review', 'review.reviewedBy': teacherId, 'review.reviewedAt': new Date() },
  );
}

export async function saveReview(
  db: DocStore,
  teacherId: string,
  recording: RecordingDoc,
  patch: ReviewPatch,
): Promise<RecordingDoc> {
  // Dotted paths update only the fields sent; review.status only when asked (or when the review is new).
  const changes: Record<string, unknown> = {
    'review.reviewedBy': teacherId,
    'review.reviewedAt': new Date(),
    updatedAt: new Date(),
  };
  if (patch.status) changes['review.status'] = patch.status;
  if (patch.score !== undefined)
    changes['review.score'] = patch.score === null ? db.cmd.remove() : patch.score;
  if (patch.comment !== undefined) changes['review.comment'] = patch.comment;
  await db.update(ADMIN_COLLECTIONS.recordings, recording._id, changes);
  if (!patch.status) await startReviewIfNew(db, teacherId, recording._id);
  return (await db.get<RecordingDoc>(ADMIN_COLLECTIONS.recordings, recording._id)) as RecordingDoc;
}
