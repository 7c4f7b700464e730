/**
 * The emulator dies with kill -9 (its whole process group: the server and every function instance) in
 * the middle of an ingest, and in the middle of a finalize, then comes back on the same data. The phone
 * retries on its own; the recording ends ready and whole: one document and one file per segment, and the
 * full MP3 is the microphone's audio with nothing lost or doubled (the chaos invariants, checked here on
 * hand-written schedules).
 */
import { speech } from '../../chaos/explore';
import { runSchedule } from '../../chaos/runner';
import type { Schedule, ServerFunction } from '../../chaos/schedule';
import { startEmulatorProcess, type EmulatorProcess } from '../../harness/emulator-process';

let emulator: EmulatorProcess;

beforeAll(async () => {
  emulator = await startEmulatorProcess();
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
});

/** Two segments with the kill armed for the first call of `during`. */
function killDuring(during: ServerFunction): Schedule {
  return {
    seed: 0,
    settings: { speed: 10, whenHidden: 'stop' },
    steps: [
      { kind: 'killEmulator', during, afterMs: 40, downMs: 600 },
      { kind: 'tap', button: 'record' },
      { kind: 'speak', ms: 1500 },
      { kind: 'tap', button: 'pause' },
      { kind: 'wait', ms: 300 },
      { kind: 'tap', button: 'resume' },
      { kind: 'speak', ms: 1500 },
      { kind: 'tap', button: 'stop' },
      { kind: 'wait', ms: 1500 },
    ],
  };
}

async function runKill(during: ServerFunction) {
  const verdict = await runSchedule(killDuring(during), {
    emulator,
    wav: speech,
    isolate: jest.isolateModules,
  });
  return verdict;
}

test('kill -9 of the emulator during an ingest: the client retries and the recording is complete, without duplicates', async () => {
  const verdict = await runKill('ingestSegment');
  expect(verdict.serverFaults).toEqual([expect.stringMatching(/^emulator killed \(ingestSegment\)/)]);
  expect(verdict.failedCalls.some((c) => c.includes('ingestSegment'))).toBe(true);
  expect(verdict.violations).toEqual([]);
  expect(verdict).toMatchObject({ recordings: 1, segments: 2 });
}, 240_000);

test('kill -9 of the emulator during a finalize: the client retries and the full MP3 is whole, without duplicates', async () => {
  const verdict = await runKill('finalizeRecording');
  expect(verdict.serverFaults).toEqual([expect.stringMatching(/^emulator killed \(finalizeRecording\)/)]);
  expect(verdict.failedCalls.some((c) => c.includes('finalizeRecording'))).toBe(true);
  expect(verdict.violations).toEqual([]);
  expect(verdict).toMatchObject({ recordings: 1, segments: 2 });
}, 240_000);
