/**
 * The emulator dies with kill -9 (its whole process group: the server and every function instance) in
 * the middle of an ingest, and in the middle of a finalize, then comes back on the same data. The phone
 * retries on its own; the recording ends ready and whole: one document and one file per segment, and the
 * full MP3 is the microphone's audio with nothing lost or doubled (the chaos invariants, checked here on
 * hand-written schedules).
 */
import type { ServerFunction } from '../../chaos/schedule';
import { useChaosReplay } from './support/replay';

const replay = useChaosReplay();

test.each<[string, ServerFunction]>([
  ['an ingest', 'ingestSegment'],
  ['a finalize', 'finalizeRecording'],
])(
  'kill -9 of the emulator during %s: the client retries and the recording is complete, without duplicates',
  async (_, during) => {
    // Two segments, with the kill armed for the first call of `during`.
    const verdict = await replay([
      { kind: 'killEmulator', during, afterMs: 40, downMs: 600 },
      { kind: 'tap', button: 'record' },
      { kind: 'speak', ms: 1500 },
      { kind: 'tap', button: 'pause' },
      { kind: 'wait', ms: 300 },
      { kind: 'tap', button: 'resume' },
      { kind: 'speak', ms: 1500 },
      { kind: 'tap', button: 'stop' },
      { kind: 'wait', ms: 1500 },
    ]);
    expect(verdict.serverFaults).toEqual([
      expect.stringMatching(new RegExp(`^emulator killed \\(${during}\\)`)),
    ]);
    expect(verdict.failedCalls.some((c) => c.includes(during))).toBe(true);
    expect(verdict.violations).toEqual([]);
    expect(verdict).toMatchObject({ recordings: 1, segments: 2 });
  },
  240_000,
);
