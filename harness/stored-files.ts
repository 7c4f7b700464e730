/**
 * What a recording really occupies in the emulator's storage: the files under its folder on disk
 * (`<dataDir>/files/recordings/{owner}/{recordingId}/`), read directly, so no SDK call can hide one.
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
  const names = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  const files = await Promise.all(
    names.map(async (name) => ({ name, bytes: (await stat(path.join(folder, name))).size })),
  );
  return files.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

export function totalBytes(files: StoredFile[]): number {
  return files.reduce((sum, f) => sum + f.bytes, 0);
}
