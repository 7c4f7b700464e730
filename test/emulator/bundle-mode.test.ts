import path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({
    functionsDir: path.join(__dirname, 'fixtures', 'bundles'),
    functionMode: 'bundle',
  });
});
afterAll(async () => {
  await emu.stop();
});

test('bundle mode runs the built index.js of a function', async () => {
  const { result } = await emu.client().callFunction({ name: 'plain', data: { n: 1 }, openid: 'o-1' });
  expect(result).toEqual({ bundled: true, got: { n: 1 } });
});
