import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DurableFile } from '../../admin/server/browser-recorder/durable-file';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'durable-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('close() rejects when the final fsync fails, and confirms nothing past what was synced', async () => {
  const confirmed: number[] = [];
  const file = await DurableFile.open(path.join(dir, 'stream.pcm'), {
    syncIntervalMs: 60_000,
    onConfirmed: (bytes) => confirmed.push(bytes),
  });
  file.append(new Uint8Array(1024));
  // The descriptor goes away underneath the file (as when the disk is pulled): fsync now fails.
  await (file as unknown as { handle: { close(): Promise<void> } }).handle.close();

  await expect(file.close()).rejects.toThrow();
  expect(confirmed).toEqual([]);
});
