/**
 * The explorer's guard against a platform that dies of a schedule: an emulator that died without being
 * killed is that seed's violation (with why), and it is started again so the seeds after it do not all
 * fail with ECONNREFUSED (as seeds 9803–9999 did once, after seed 9802 took the emulator down).
 */
import { emulatorBackUp } from '../../chaos/explore';
import { startEmulatorProcess, type EmulatorProcess } from '../../harness/emulator-process';

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 120_000);
afterAll(async () => {
  await emulator.stop();
});

async function untilDown(): Promise<void> {
  while (emulator.running) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function answers(): Promise<boolean> {
  const result = await emulator.nodeApp().database().collection('recordings').limit(1).get();
  return Array.isArray(result.data);
}

test('an emulator that died on its own is the seed violation, and is running again for the next seed', async () => {
  process.kill(-emulator.pid, 'SIGKILL');
  await untilDown();

  const violations = await emulatorBackUp(emulator);

  expect(violations).toEqual([
    expect.stringMatching(/^the emulator died on its own, and was started again \(exit SIGKILL;/),
  ]);
  expect(emulator.running).toBe(true);
  expect(await answers()).toBe(true);
}, 120_000);

test('a kill -9 the schedule asked for, once restarted, is no violation', async () => {
  await emulator.kill9();
  await emulator.restart();

  expect(await emulatorBackUp(emulator)).toEqual([]);
}, 120_000);
