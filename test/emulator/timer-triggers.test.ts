import { EmulatorClientError } from '../../emulator/client';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { FIXTURE_FUNCTIONS } from './helpers';

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: FIXTURE_FUNCTIONS });
});
afterAll(async () => {
  await emu.stop();
});

async function fireError(name: string): Promise<EmulatorClientError> {
  const err = await emu
    .client()
    .fireTimer(name)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(EmulatorClientError);
  return err as EmulatorClientError;
}

it('firing a timer runs the function with the timer event and no caller identity', async () => {
  const before = Date.now();
  const fired = await emu
    .client()
    .fireTimer<{ event: Record<string, string>; context: { OPENID?: string } }>('timed');

  expect(fired.trigger).toMatchObject({ name: 'everyNight', cron: '0 0 2 * * * *' });
  expect(fired.result.event).toMatchObject({ Type: 'Timer', TriggerName: 'everyNight', Message: '' });
  expect(Date.parse(fired.result.event.Time!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  expect(fired.result.context.OPENID).toBeUndefined();
});

it('a function without config.json has no timer to fire', async () => {
  const err = await fireError('whoami');
  expect(err).toMatchObject({ code: 'FUNCTIONS_REQUEST_FAIL' });
  expect(err.message).toMatch(/no timer trigger/);
});

it('a config.json with two triggers is refused, as WeChat supports one', async () => {
  const err = await fireError('twotimers');
  expect(err).toMatchObject({ code: 'INVALID_PARAM' });
  expect(err.message).toMatch(/exactly one trigger/);
});

it('firing a timer without the access token is refused (a web page cannot run purges)', async () => {
  const headers = { 'content-type': 'application/json' };
  const body = JSON.stringify({ name: 'timed' });
  const bare = await fetch(`${emu.emulator.origin}/timers/fire`, { method: 'POST', headers, body });
  expect(bare.status).toBe(401);
  expect(await bare.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
  const plain = await fetch(`${emu.url}/timers/fire`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body,
  });
  expect(plain.status).toBe(415);
});
