/**
 * One schema per admin API payload: path parameters, query strings and bodies. Routes hand them to Fastify
 * (`schema: { body: ... }`), and the handler types come from them, so what is checked is what is typed.
 */
import { Type } from '@sinclair/typebox';
import { Int, OneOf, Text } from './fields';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** Ids in admin URLs: the route looks them up within the teacher's scope, so any short string is fine here. */
const UrlId = Type.String({ minLength: 1, maxLength: 64 });

// ---- path parameters (every route with a `:param` declares one: test/admin/route-auth.test.ts)
export const IdParams = Type.Object({ id: UrlId }, { additionalProperties: false });
export const SegmentParams = Type.Object(
  { id: UrlId, seq: Int(0, 100_000) },
  { additionalProperties: false },
);
export const CommentParams = Type.Object({ id: UrlId, commentId: UrlId }, { additionalProperties: false });
export const RosterEntryParams = Type.Object({ entryId: UrlId }, { additionalProperties: false });
/** Share tokens; their form (canonical base64url) is share/tokens.ts's check, so a bad one is FORBIDDEN. */
export const TokenParams = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);

// ---- sign-in
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

// ---- assignments
export const MAX_RETENTION_DAYS = 3650;
const assignmentFields = {
  title: Text(100),
  prompt: Type.String({ maxLength: 4000 }),
  maxDurationSec: Int(5, 600),
  /** ISO date-time, or null to clear. */
  dueAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  /** Days its recordings are kept, or null to clear (the deploy default applies). */
  retentionDays: Type.Optional(Nullable(Int(1, MAX_RETENTION_DAYS))),
};
export const AssignmentBody = Type.Object(assignmentFields, { additionalProperties: false });
export const AssignmentPatchBody = Type.Partial(Type.Object(assignmentFields), {
  additionalProperties: false,
  minProperties: 1,
});
export const DeleteAssignmentBody = Type.Object({ recordingCount: Int(0) }, { additionalProperties: false });

// ---- the review list and review
export const REVIEW_STATES = ['needs_review', 'reviewed', 'failed', 'partial', 'in_progress'] as const;
export const SORT_KEYS = ['createdAt', 'durationMs', 'score', 'status'] as const;
export const RecordingListQuery = Type.Object(
  {
    assignmentId: Type.Optional(Type.String({ maxLength: 64 })),
    /** A student's exact name or openid. */
    student: Type.Optional(Type.String({ maxLength: 64 })),
    state: Type.Optional(OneOf(REVIEW_STATES)),
    from: Type.Optional(Type.String({ format: 'date' })),
    to: Type.Optional(Type.String({ format: 'date' })),
    sort: Type.Optional(OneOf(SORT_KEYS)),
    order: Type.Optional(OneOf(['asc', 'desc'] as const)),
    page: Type.Optional(Int(1, 10_000)),
    pageSize: Type.Optional(Int(1, 100)),
  },
  { additionalProperties: false },
);
export const AudioQuery = Type.Object(
  { download: Type.Optional(Type.String({ maxLength: 8 })) },
  { additionalProperties: false },
);
export const ReviewBody = Type.Object(
  {
    status: Type.Optional(OneOf(['needs_review', 'reviewed'] as const)),
    /** 0–100, or null to clear. */
    score: Type.Optional(Nullable(Int(0, 100))),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export const MAX_COMMENT_LENGTH = 500;
export const CommentBody = Type.Object(
  { atMs: Int(0), text: Type.String({ minLength: 1, maxLength: MAX_COMMENT_LENGTH }) },
  { additionalProperties: false },
);

// ---- share links
export const MAX_SHARE_EXPIRY_SEC = 30 * 24 * 3600;
export const ShareLinkBody = Type.Object(
  { expiresInSec: Int(5, MAX_SHARE_EXPIRY_SEC) },
  { additionalProperties: false },
);

// ---- class progress and exports
export const ProgressQuery = Type.Object(
  {
    class: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    lang: Type.Optional(OneOf(['zh', 'en'] as const)),
  },
  { additionalProperties: false },
);

// ---- roster
export const RosterImportQuery = Type.Object(
  { encoding: Type.Optional(OneOf(['utf-8', 'gbk'] as const)) },
  { additionalProperties: false },
);
export const RosterLinkBody = Type.Object(
  { openid: Nullable(Type.String({ minLength: 1, maxLength: 64 })) },
  { additionalProperties: false },
);
