/**
 * Comments pinned to moments of a recording. Each is one atomic array operation on `review.comments`
 * (`push` with `sort` by atMs, `pull` by id), so two quick comments never overwrite each other and the
 * stored list is always in time order.
 */
import type { PinnedComment, RecordingDoc } from '../../../typings/documents';
import type { Static } from '@sinclair/typebox';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { CommentBody } from '../../../typings/schemas/admin';
import type { DocStore, QueryCommand } from '../../../pipeline/store/types';
import { randomId } from '../ids';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { startReviewIfNew } from './review';

/** Enough for a close reading of a 10-minute recording; keeps the document far below CloudBase's limits. */
export const MAX_COMMENTS_PER_RECORDING = 200;
export type CommentInput = Static<typeof CommentBody>;

/** The array operators of `db.command` used here (both SDKs have them). */
interface ArrayCommand extends QueryCommand {
  push(options: { each: unknown[]; sort?: Record<string, 1 | -1> }): unknown;
  pull(condition: object): unknown;
}

function validComment(recording: RecordingDoc, input: CommentInput): CommentInput {
  const text = input.text.trim();
  if (!text) throw new AppError(ErrorCode.INVALID_ARGUMENT, 'the comment text is empty');
  if (input.atMs > recording.durationMs) {
    throw new AppError(
      ErrorCode.INVALID_ARGUMENT,
      `atMs ${input.atMs} is beyond the end of the recording (${recording.durationMs} ms)`,
    );
  }
  return { atMs: input.atMs, text };
}

export async function addComment(
  db: DocStore,
  teacherId: string,
  recording: RecordingDoc,
  input: CommentInput,
): Promise<PinnedComment> {
  const { atMs, text } = validComment(recording, input);
  if ((recording.review?.comments?.length ?? 0) >= MAX_COMMENTS_PER_RECORDING) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `a recording holds at most ${MAX_COMMENTS_PER_RECORDING} comments`,
    );
  }
  const comment: PinnedComment = { id: randomId(), atMs, text, createdBy: teacherId, createdAt: new Date() };
  const cmd = db.cmd as ArrayCommand;
  const changes: Record<string, unknown> = {
    'review.comments': cmd.push({ each: [comment], sort: { atMs: 1 } }),
    updatedAt: new Date(),
  };
  await db.update(ADMIN_COLLECTIONS.recordings, recording._id, changes);
  // A first comment starts the review, as a first score does; an existing review keeps its status.
  await startReviewIfNew(db, teacherId, recording._id);
  return comment;
}

export async function deleteComment(db: DocStore, recording: RecordingDoc, commentId: string): Promise<void> {
  if (!recording.review?.comments?.some((c) => c.id === commentId)) {
    throw new AppError(ErrorCode.NOT_FOUND, `no comment ${commentId} on this recording`);
  }
  const cmd = db.cmd as ArrayCommand;
  await db.update(ADMIN_COLLECTIONS.recordings, recording._id, {
    'review.comments': cmd.pull({ id: commentId }),
    updatedAt: new Date(),
  });
}
