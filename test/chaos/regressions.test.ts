/**
 * Bugs the schedule explorer found, each replayed as the schedule that shows it (written out here, so
 * the replay does not depend on the generator), with every chaos invariant checked after it.
 */
import { speech } from '../../chaos/explore';
import { runSchedule } from '../../chaos/runner';
import type { Schedule, Step } from '../../chaos/schedule';
import { startEmulatorProcess, type EmulatorProcess } from '../../harness/emulator-process';

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
});

function schedule(steps: Step[]): Schedule {
  return { seed: 0, settings: { speed: 10, whenHidden: 'stop' }, steps };
}

const replay = (steps: Step[]) =>
  runSchedule(schedule(steps), { emulator, wav: speech, isolate: jest.isolateModules });

// Found by seed 1006 (a kill inside the 7th journal write): the app died between the journal write that
// confirms a segment's MP3 (localFile cleared) and the deletion of the WAV, which stayed on the phone forever.
test('a kill between confirming the MP3 and deleting the WAV leaves no WAV behind after relaunch', async () => {
  const verdict = await replay([
    { kind: 'killAtMilestone', milestone: 'converted' },
    { kind: 'tap', button: 'record' },
    { kind: 'speak', ms: 1500 },
    { kind: 'tap', button: 'pause' },
    { kind: 'wait', ms: 4000 },
    { kind: 'wait', ms: 10 },
  ]);
  expect(verdict.kills).toEqual([expect.stringMatching(/inside the journal write of a milestone/)]);
  expect(verdict.violations).toEqual([]);
  expect(verdict).toMatchObject({ recordings: 1, segments: 1 });
}, 240_000);
