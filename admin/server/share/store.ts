/** Share links: created by a teacher for a recording they can see, expiring, revocable in `shareLinks`. */
import type { RecordingDoc } from '../../../typings/documents';
import { AppError, ErrorCode } from '../../../typings/errors';
import type { AdminContext } from '../context';
import { randomId } from '../ids';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { readShareToken, signShareToken } from './tokens';

export interface ShareLinkDoc {
  _id: string;
  recordingId: string;
  teacherId: string;
  expiresAt: Date;
  revokedAt?: Date;
  createdAt: Date;
}

export interface ShareLinkView {
  id: string;
  recordingId: string;
  token: string;
  expiresAt: Date;
  revokedAt?: Date;
}

function view(ctx: AdminContext, doc: ShareLinkDoc): ShareLinkView {
  const expiresAt = new Date(doc.expiresAt);
  const token = signShareToken(ctx.shareSecret, { l: doc._id, r: doc.recordingId, e: expiresAt.getTime() });
  return { id: doc._id, recordingId: doc.recordingId, token, expiresAt, revokedAt: doc.revokedAt };
}

export async function createShareLink(
  ctx: AdminContext,
  teacherId: string,
  recordingId: string,
  expiresInSec: number,
): Promise<ShareLinkView> {
  const now = ctx.now();
  const doc: ShareLinkDoc = {
    _id: randomId(),
    recordingId,
    teacherId,
    expiresAt: new Date(now + expiresInSec * 1000),
    createdAt: new Date(now),
  };
  await ctx.stores.db.insert(ADMIN_COLLECTIONS.shareLinks, doc);
  return view(ctx, doc);
}

export async function listShareLinks(ctx: AdminContext, recordingId: string): Promise<ShareLinkView[]> {
  const docs = await ctx.stores.db.find<ShareLinkDoc>(
    ADMIN_COLLECTIONS.shareLinks,
    { recordingId },
    { orderBy: [['createdAt', 'desc']], limit: 100 },
  );
  return docs.map((doc) => view(ctx, doc));
}

export async function revokeShareLink(
  ctx: AdminContext,
  teacherId: string,
  linkId: string,
): Promise<ShareLinkView> {
  const doc = await ctx.stores.db.get<ShareLinkDoc>(ADMIN_COLLECTIONS.shareLinks, linkId);
  if (!doc || doc.teacherId !== teacherId) throw new AppError(ErrorCode.NOT_FOUND, `no share link ${linkId}`);
  const revokedAt = doc.revokedAt ?? new Date(ctx.now());
  await ctx.stores.db.update(ADMIN_COLLECTIONS.shareLinks, linkId, { revokedAt });
  return view(ctx, { ...doc, revokedAt });
}

/** The recording a public token opens; FORBIDDEN when forged, expired or revoked. */
export async function openShareToken(ctx: AdminContext, token: string): Promise<RecordingDoc> {
  const payload = readShareToken(ctx.shareSecret, token);
  if (!payload) throw new AppError(ErrorCode.FORBIDDEN, 'this share link is not valid');
  if (payload.e <= ctx.now()) throw new AppError(ErrorCode.FORBIDDEN, 'this share link has expired');
  const link = await ctx.stores.db.get<ShareLinkDoc>(ADMIN_COLLECTIONS.shareLinks, payload.l);
  if (!link || link.recordingId !== payload.r)
    throw new AppError(ErrorCode.FORBIDDEN, 'this share link is not valid');
  if (link.revokedAt) throw new AppError(ErrorCode.FORBIDDEN, 'this share link has been revoked');
  const recording = await ctx.stores.db.get<RecordingDoc>(ADMIN_COLLECTIONS.recordings, payload.r);
  if (!recording) throw new AppError(ErrorCode.NOT_FOUND, 'the shared recording no longer exists');
  return recording;
}
