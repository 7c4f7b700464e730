/**
 * One emulator process per test file (hooks own it) and `replay(schedule)`: a hand-written schedule run
 * through the chaos runner, with every invariant checked after it.
 */
import { speech } from '../../../chaos/explore';
import type { Verdict } from '../../../chaos/invariants';
import { runSchedule } from '../../../chaos/runner';
import type { Schedule, Step } from '../../../chaos/schedule';
import { startEmulatorProcess, type EmulatorProcess } from '../../../harness/emulator-process';

export function useChaosReplay(): (
  steps: Step[],
  settings?: Partial<Schedule['settings']>,
) => Promise<Verdict> {
  let emulator: EmulatorProcess | undefined;
  beforeAll(async () => {
    emulator = await startEmulatorProcess();
  }, 120_000);
  afterAll(async () => {
    await emulator?.stop();
  });
  return (steps, settings = {}) => {
    if (!emulator) throw new Error('the emulator did not start');
    const schedule: Schedule = { seed: 0, settings: { speed: 10, whenHidden: 'stop', ...settings }, steps };
    return runSchedule(schedule, { emulator, wav: speech, isolate: jest.isolateModules });
  };
}
