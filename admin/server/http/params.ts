/** Path-parameter schemas shared by routes: every route with a `:param` declares one (test/admin/route-auth.test.ts). */
export const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

export const SEGMENT_PARAMS = {
  type: 'object',
  required: ['id', 'seq'],
  additionalProperties: false,
  properties: { id: ID_PARAMS.properties.id, seq: { type: 'integer', minimum: 0, maximum: 100000 } },
} as const;

/** Share tokens; their form (canonical base64url) is share/tokens.ts's check, so a bad one is FORBIDDEN. */
export const TOKEN_PARAMS = {
  type: 'object',
  required: ['token'],
  additionalProperties: false,
  properties: { token: { type: 'string', minLength: 1, maxLength: 512 } },
} as const;
