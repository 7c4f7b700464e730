/**
 * What the Mini Program learns about its caller from `getStudentProfile` (alongside the profile): its
 * openid, used only to build its own storage paths `recordings/{openid}/...`. Cloud functions never trust
 * it; they take identity from `cloud.getWXContext()` and refuse paths that are not the caller's.
 */
export interface CallerIdentity {
  openid: string;
}
