/** What the cloud holds for one student after a schedule: documents (through the node SDK) and files (on disk). */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorProcess } from '../../harness/emulator-process';
import { COLLECTIONS, type RecordingDoc, type SegmentDoc } from '../../typings/documents';

export interface CloudState {
  recordings: RecordingDoc[];
  segments: Map<string, SegmentDoc[]>;
  /** File names under recordings/{openid}/{recordingId}/, per recording. */
  files: Map<string, string[]>;
}

export function filesRoot(emulator: EmulatorProcess, openid: string): string {
  return path.join(emulator.dataDir, 'files', 'recordings', openid);
}

function listFiles(dir: string): Map<string, string[]> {
  const files = new Map<string, string[]>();
  let ids: string[];
  try {
    ids = readdirSync(dir);
  } catch {
    return files;
  }
  for (const id of ids) files.set(id, readdirSync(path.join(dir, id)).sort());
  return files;
}

export async function cloudState(emulator: EmulatorProcess, openid: string): Promise<CloudState> {
  const db = emulator.nodeApp().database();
  const recordings = (
    await db.collection(COLLECTIONS.recordings).where({ _openid: openid }).limit(1000).get()
  ).data as RecordingDoc[];
  const segmentDocs = (await db.collection(COLLECTIONS.segments).where({ _openid: openid }).limit(1000).get())
    .data as SegmentDoc[];
  const segments = new Map<string, SegmentDoc[]>();
  for (const doc of segmentDocs)
    segments.set(doc.recordingId, [...(segments.get(doc.recordingId) ?? []), doc]);
  for (const list of segments.values()) list.sort((a, b) => a.seq - b.seq);
  return { recordings, segments, files: listFiles(filesRoot(emulator, openid)) };
}
