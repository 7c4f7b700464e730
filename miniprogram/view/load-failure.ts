import { errorBodyOf } from '../recorder/errors';
import { errorText } from '../strings';

/** What a page shows when its content did not load: exactly one of the retry button or the notice. */
export type LoadFailureView = { canRetryLoad: true } | { notice: string };

/**
 * A failure the network may fix (the envelope's `retryable`, or any transport failure) offers the retry
 * button, since nothing retries a page load by itself; a final one (e.g. NOT_FOUND) is explained instead,
 * with no button that cannot help.
 */
export function loadFailureView(err: unknown): LoadFailureView {
  return errorBodyOf(err).retryable ? { canRetryLoad: true } : { notice: errorText(err) };
}
