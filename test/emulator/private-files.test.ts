/** The data folder of `npm run emulator` holds every document and recording: nobody but its user may read it. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { startEmulatorProcess } from '../../harness/emulator-process';

async function walk(dir: string): Promise<string[]> {
  const out = [dir];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

test('every file the emulator writes is 0600 and every folder 0700', async () => {
  const emu = await startEmulatorProcess({ envId: 'private-env' });
  try {
    const app = emu.nodeApp();
    await app.database().collection('teachers').add({ _id: 't1', passwordHash: 'scrypt$secret' });
    await app.uploadFile({ cloudPath: 'recordings/u1/r1/0.wav', fileContent: Buffer.from('RIFF') });
    const open: string[] = [];
    for (const file of await walk(emu.dataDir)) {
      const { mode } = await stat(file);
      if ((mode & 0o077) !== 0)
        open.push(`${path.relative(emu.dataDir, file)} ${(mode & 0o777).toString(8)}`);
    }
    expect(open).toEqual([]);
  } finally {
    await emu.stop();
  }
});
