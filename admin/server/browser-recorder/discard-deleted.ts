/**
 * A recording deleted while this instance was still storing its stream: what landed after the delete (a
 * segment ingested, which writes the recording document anew, a video part) is removed. Strict reading of
 * a delete racing a live stream: the delete wins, nothing comes back. Storage hiccups are tried again a
 * few times; what is still left after that is logged (the files carry the recording's own path).
 */
import type { RecordingPublisher } from './publisher';
import type { RecordingMeta } from './recording-meta';

const ATTEMPTS = 5;
const RETRY_MS = 1000;

export async function discardDeleted(
  publisher: RecordingPublisher,
  meta: RecordingMeta,
  log: (msg: string, err?: unknown) => void,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await publisher.discard(meta);
      return;
    } catch (err) {
      if (attempt >= ATTEMPTS)
        return log(`deleted recording ${meta.recordingId}: leftovers not removed`, err);
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
