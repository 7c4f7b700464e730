import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../emulator';
import { startTestEmulator } from '../../harness/emulator';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'emulator-index-failure-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a unique index that the stored documents violate stops the emulator start with a message naming it', async () => {
  const dataDir = path.join(dir, 'data');
  const loose = path.join(dir, 'loose.json');
  const strict = path.join(dir, 'strict.json');
  await writeFile(loose, JSON.stringify({ collections: { accounts: { indexes: [] } } }));
  const uniqueName = { name: 'username', keys: { username: 1 }, unique: true };
  await writeFile(strict, JSON.stringify({ collections: { accounts: { indexes: [uniqueName] } } }));
  const emu = await startTestEmulator({ dataDir, databaseConfig: loose });
  await emu
    .nodeApp()
    .database()
    .collection('accounts')
    .add([{ username: 'alice' }, { username: 'alice' }]);
  await emu.emulator.close();

  await expect(
    startEmulator({ dataDir, databaseConfig: strict, port: 0, envId: 'test-env' }),
  ).rejects.toThrow(/cannot build the index on accounts: duplicate key: unique index on username/);
});
