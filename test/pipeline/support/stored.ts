/** Reads what landed, as the server sees it: the recording document for an id (undefined when none). */
import type { TestEmulator } from '../../../harness/emulator';
import { COLLECTIONS, type RecordingDoc } from '../../../typings/documents';

export async function storedRecording(
  emu: TestEmulator,
  recordingId: string,
): Promise<RecordingDoc | undefined> {
  const res = await emu
    .nodeApp()
    .database()
    .collection(COLLECTIONS.recordings)
    .where({ _id: recordingId })
    .get();
  return (res.data as RecordingDoc[])[0];
}
