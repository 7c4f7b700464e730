import { openStores } from '../../pipeline/cloud-handle';
import { AppError, ErrorCode } from '../../typings/errors';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.stop();
});

test('downloading a file that does not exist is NOT_FOUND, not retryable', async () => {
  const { files } = openStores(emu.nodeApp());
  const fileID = `cloud://${emu.envId}.${emu.envId}-1250000000/recordings/nobody/none/0.wav`;
  const err = await files.download(fileID).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect({ code: (err as AppError).code, retryable: (err as AppError).retryable }).toEqual({
    code: ErrorCode.NOT_FOUND,
    retryable: false,
  });
});

test('a storage call that cannot reach the platform is UNAVAILABLE and retryable', async () => {
  const { files } = openStores(emu.nodeApp());
  await emu.emulator.close();
  const err = await files.upload('recordings/u/r/0.wav', Buffer.from('x')).catch((e: unknown) => e);
  await emu.restart();
  expect(err).toBeInstanceOf(AppError);
  expect({ code: (err as AppError).code, retryable: (err as AppError).retryable }).toEqual({
    code: ErrorCode.UNAVAILABLE,
    retryable: true,
  });
});
