/** Flushing to disk: the emulator's files survive a kill -9 the way a cloud service's would. */
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

/** Flushes a file's or a directory's data and metadata to disk (a read-only descriptor is enough on Linux). */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `staging` and flushes it, so renaming it over a file never exposes a half-written one. */
export async function writeSynced(staging: string, data: string | Buffer): Promise<void> {
  const handle = await open(staging, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `target` whole and durably: a synced staging file renamed over it, then its folder synced. */
export async function replaceDurably(target: string, staging: string, data: string | Buffer): Promise<void> {
  await writeSynced(staging, data);
  await rename(staging, target);
  await fsyncPath(path.dirname(target));
}
