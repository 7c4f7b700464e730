/** Review, score and comment: each field saved on its own, so two quick edits never overwrite each other. */
import type { Static } from '@sinclair/typebox';
import type { RecordingDoc } from '../../../typings/documents';
import type { ReviewBody } from '../../../typings/schemas/admin';
import type { DocStore } from '../../../pipeline/store/types';
import { ADMIN_COLLECTIONS } from '../store/collections';

export type ReviewPatch = Static<typeof ReviewBody>;

export async function saveReview(
  db: DocStore,
  teacherId: string,
  recording: RecordingDoc,
  patch: ReviewPatch,
): Promise<RecordingDoc> {
  // Dotted paths update only the fields sent; review.status is set only when asked or when review is new.
  const changes: Record<string, unknown> = {
    'review.reviewedBy': teacherId,
    'review.reviewedAt': new Date(),
    updatedAt: new Date(),
  };
  if (patch.status || !recording.review) changes['review.status'] = patch.status ?? 'needs_review';
  if (patch.score !== undefined)
    changes['review.score'] = patch.score === null ? db.cmd.remove() : patch.score;
  if (patch.comment !== undefined) changes['review.comment'] = patch.comment;
  await db.update(ADMIN_COLLECTIONS.recordings, recording._id, changes);
  return (await db.get<RecordingDoc>(ADMIN_COLLECTIONS.recordings, recording._id)) as RecordingDoc;
}
