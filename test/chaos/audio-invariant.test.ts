/**
 * Invariant (a) itself: the checker must pass the microphone's audio as recorded, and must catch a
 * stretch lost where nothing was killed, a stretch doubled, and more than 1 s lost before a kill.
 * Each case encodes the "recording" (the microphone's audio with the fault applied) to a real MP3.
 */
import { checkAudio, type AudioResult } from '../../chaos/invariants/audio';
import { prepareSegment } from '../../pipeline/audio/gapless';
import type { SegmentDoc } from '../../typings/documents';
import { speechOfLength } from '../../simulator/speech';

const RATE = 16000;
let mic: Int16Array;

beforeAll(async () => {
  mic = (await speechOfLength(6, RATE, 1)).samples;
}, 60_000);

/** The MP3 of `parts` of the microphone's audio, each part a segment; checked against all of `mic[0, end)`. */
async function check(
  parts: Array<[number, number]>,
  lossPoints: number[],
  end = parts[parts.length - 1]![1],
) {
  const pieces = parts.map(([a, b]) => mic.subarray(a, b));
  const joined = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  const mp3 = (await prepareSegment({ sampleRate: RATE, channels: 1, samples: joined })).standaloneMp3;
  const segments = pieces.map((p, seq) => ({ seq, samples: p.length }) as SegmentDoc);
  return checkAudio({ recordingId: 'r', mp3, segments, expected: mic.subarray(0, end), lossPoints });
}

const ms = (n: number) => (n * RATE) / 1000;
const violations = (r: AudioResult) => r.violations.join('\n');

test('the microphone audio as recorded, cut into segments, passes', async () => {
  const result = await check(
    [
      [0, ms(2000)],
      [ms(2000), ms(4100)],
      [ms(4100), ms(6000)],
    ],
    [],
  );
  expect(result.violations).toEqual([]);
});

test('300 ms missing at a join with no kill there is a violation', async () => {
  const result = await check(
    [
      [0, ms(2000)],
      [ms(2300), ms(6000)],
    ],
    [],
  );
  expect(violations(result)).toMatch(/ms lost before segment 1 .* with no kill there/);
});

test('300 ms recorded twice at a join is a violation', async () => {
  const result = await check(
    [
      [0, ms(2000)],
      [ms(1700), ms(6000)],
    ],
    [],
  );
  expect(violations(result)).toMatch(/ms of audio doubled before segment 1/);
});

test('up to 1 s missing just before a kill is allowed, and measured', async () => {
  const result = await check(
    [
      [0, ms(2000)],
      [ms(2000), ms(5400)],
    ],
    [ms(6000)],
    ms(6000),
  );
  expect(result.violations).toEqual([]);
  expect(result.lossesMs).toEqual([600]);
});

test('more than 1 s missing before a kill is a violation', async () => {
  const result = await check(
    [
      [0, ms(2000)],
      [ms(2000), ms(4500)],
    ],
    [ms(6000)],
    ms(6000),
  );
  expect(violations(result)).toMatch(/1500 ms lost before a kill at the end/);
});
