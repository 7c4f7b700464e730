/**
 * `whoami` (cloud function, no payload) answers the caller's openid. The Mini Program uses it only to
 * build its own storage paths `recordings/{openid}/...`; cloud functions never trust a client's openid:
 * they take identity from `cloud.getWXContext()` and refuse paths that are not the caller's.
 */
export type WhoAmIFunctionName = 'whoami';

export interface CallerIdentity {
  openid: string;
}
