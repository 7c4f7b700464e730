/**
 * What a recording really occupies in the emulator's storage: the files under its folder on disk
 * (`<dataDir>/files/recordings/{owner}/{recordingId}/`, subfolders included), read directly, so no SDK call
 * can hide one.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { recordingPrefix } from '../typings/paths';

export interface StoredFile {
  name: string;
  bytes: number;
}

export async function storedFiles(
  dataDir: string,
  ownerId: string,
  recordingId: string,
): Promise<StoredFile[]> {
  const folder = path.join(dataDir, 'files', recordingPrefix(ownerId, recordingId));
  const files = await filesUnder(folder, '');
  return files.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

/** Every file below `folder` (subfolders such as `video-parts/` included), named relative to it. */
async function filesUnder(folder: string, prefix: string): Promise<StoredFile[]> {
  const entries = await readdir(path.join(folder, prefix), { withFileTypes: true }).catch(
    (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    },
  );
  const found: StoredFile[] = [];
  for (const entry of entries) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await filesUnder(folder, name)));
    else found.push({ name, bytes: (await stat(path.join(folder, name))).size });
  }
  return found;
}

export function totalBytes(files: StoredFile[]): number {
  return files.reduce((sum, f) => sum + f.bytes, 0);
}
