export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Automatic attempts before a failure waits for the student's retry tap. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000, maxAttempts: 8 };

/**
 * Delay before attempt `attempt + 1` after `attempt` failures: exponential, capped, with "equal jitter"
 * (half fixed, half random) so 50 phones that failed together do not retry together.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export function mayRetryAutomatically(policy: BackoffPolicy, attempts: number, retryable: boolean): boolean {
  return retryable && attempts < policy.maxAttempts;
}
