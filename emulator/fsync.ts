/** Flushes a file's or a directory's data and metadata to disk (a read-only descriptor is enough on Linux). */
import { open } from 'node:fs/promises';

export async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
