import {
  THROUGHPUT_WINDOW,
  cutIntervalMs,
  measuredThroughput,
  type CutPolicy,
  type UploadSample,
} from '../../miniprogram/recorder/cut-policy';

/** The app's defaults at 16 kHz mono: 30 s maximum, 10 s floor, 3 s of wire time, 32 bytes per ms. */
const POLICY: CutPolicy = { maxMs: 30_000, floorMs: 10_000, wireBudgetMs: 3000, audioBytesPerMs: 32 };

/** An upload of `seconds` of audio at `bytesPerMs` (WAV header included). */
function upload(seconds: number, bytesPerMs: number): UploadSample {
  const bytes = seconds * 32_000 + 44;
  return { bytes, ms: bytes / bytesPerMs };
}

describe('the automatic cut interval', () => {
  it('is the configured maximum before any upload was measured', () => {
    expect(cutIntervalMs([], POLICY)).toBe(30_000);
  });

  it('is 0 (no automatic cuts) when the configured maximum is 0, whatever the uplink', () => {
    expect(cutIntervalMs([upload(10, 40)], { ...POLICY, maxMs: 0 })).toBe(0);
  });

  it('stays at the maximum on a fast uplink (4G-like: 30 s of audio is ~1.2 s on the wire)', () => {
    expect(cutIntervalMs([upload(30, 780)], POLICY)).toBe(30_000);
  });

  it('is as much audio as the uplink carries within the wire budget on a slower one', () => {
    // 200 bytes per ms: 3 s of wire time carries 600 KB, 18.75 s of 32-bytes-per-ms audio.
    expect(cutIntervalMs([upload(30, 200)], POLICY)).toBe(18_750);
  });

  it('gives a 3G-like link ~10.5 s, and never less than the floor where the budget would allow less', () => {
    expect(cutIntervalMs([upload(30, 112)], POLICY)).toBe(10_500);
    expect(cutIntervalMs([upload(30, 60)], POLICY)).toBe(10_000);
  });

  it('keeps the floor on an uplink slower than the audio rate, where shorter cuts cannot help', () => {
    expect(cutIntervalMs([upload(10, 20)], { ...POLICY, wireBudgetMs: 60_000 })).toBe(10_000);
  });

  it('never exceeds the configured maximum, and a floor above the maximum yields the maximum', () => {
    expect(cutIntervalMs([upload(3, 112)], { ...POLICY, maxMs: 3000 })).toBe(3000);
    expect(cutIntervalMs([upload(3, 10)], { ...POLICY, maxMs: 3000 })).toBe(3000);
  });

  it('reads uploads that took no measurable time as the fastest link: the maximum', () => {
    expect(cutIntervalMs([{ bytes: 320_044, ms: 0 }], POLICY)).toBe(30_000);
  });

  it('does not spiral down as short segments carry relatively more round-trip overhead', () => {
    // A 3G-like link, 1 Mbit/s and 150 ms per upload: each interval is fed back as the next segment.
    const link = (seconds: number): UploadSample => {
      const bytes = seconds * 32_000 + 44;
      return { bytes, ms: bytes / 125 + 150 };
    };
    const samples: UploadSample[] = [];
    let interval = cutIntervalMs(samples, POLICY);
    for (let i = 0; i < 20; i += 1) {
      samples.push(link(interval / 1000));
      interval = cutIntervalMs(samples, POLICY);
    }
    // It settles where budget = round trip + wire time: (3000 − 150) ms × 125 bytes/ms ÷ 32 = 11.13 s.
    expect(Math.abs(interval - 11_133)).toBeLessThan(100);
  });
});

describe('the measured throughput', () => {
  it('is undefined before any upload', () => {
    expect(measuredThroughput([])).toBeUndefined();
  });

  it('weighs uploads by size: total bytes over total time', () => {
    expect(
      measuredThroughput([
        { bytes: 1000, ms: 10 },
        { bytes: 3000, ms: 10 },
      ]),
    ).toBe(200);
  });

  it('follows only the newest uploads, so the link getting slower shows within a few segments', () => {
    const fast = Array.from({ length: 10 }, () => upload(30, 780));
    const slow = Array.from({ length: THROUGHPUT_WINDOW }, () => upload(30, 112));
    expect(measuredThroughput([...fast, ...slow])).toBeCloseTo(112);
  });
});
