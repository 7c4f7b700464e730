/** Path-parameter schemas shared by routes: every route with a `:param` declares one (test/admin/route-auth.test.ts). */
export {
  IdParams as ID_PARAMS,
  SegmentParams as SEGMENT_PARAMS,
  TokenParams as TOKEN_PARAMS,
} from '../../../typings/schemas/admin';
