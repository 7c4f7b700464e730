import { entryOf, launchCore, type CoreFixture } from './support/core-fixture';
import { settle } from './support/fake-port';

/** 30 s cut at 256 ms frames: the frame that crosses 30 s is the segment's last (118 frames). */
const FIRST_CUT_MS = 118 * 256;
const FRAME_MS = 256;

/** Every upload takes as long as its bytes need at `bytesPerMs`, on the phone's clock. */
function uplinkAt(fixture: CoreFixture, bytesPerMs: number): void {
  const { cloud, clock } = fixture.platform;
  cloud.beforeEach = (what) => {
    if (!what.startsWith('upload')) return;
    const uploading = fixture.core
      .recordings()
      .flatMap((entry) => entry.segments)
      .find((s) => s.upload === 'uploading');
    clock.advance((uploading?.bytes ?? 0) / bytesPerMs);
  };
}

/** Speaks 30.5 s (one cut at the configured 30 s, uploaded and measured), then `moreMs` more. */
async function takeAfterFirstUpload(fixture: CoreFixture, moreMs: number): Promise<number[]> {
  const session = await fixture.core.startRecording();
  fixture.platform.recorder.speak(30_500);
  await settle();
  fixture.platform.recorder.speak(moreMs);
  session.pause();
  await settle();
  return entryOf(fixture, session.recordingId).segments.map((s) => s.durationMs);
}

describe('automatic cuts that follow the uplink', () => {
  it('cuts the rest of a take at ~10.5 s after its first upload measured a 3G-like uplink', async () => {
    const fixture = launchCore();
    uplinkAt(fixture, 112); // ~0.9 Mbit/s: 3 s of wire time carries 10.5 s of 16 kHz PCM
    expect(fixture.core.cutIntervalMs()).toBe(30_000);
    const durations = await takeAfterFirstUpload(fixture, 25_000);
    expect(fixture.core.cutIntervalMs()).toBe(10_500);
    expect(durations[0]).toBe(FIRST_CUT_MS);
    const cut = durations.slice(1, -1);
    expect(cut.length).toBe(2);
    for (const ms of cut) {
      expect(ms).toBeGreaterThanOrEqual(10_500);
      expect(ms).toBeLessThan(10_500 + FRAME_MS);
    }
  });

  it('keeps 30 s cuts on an uplink that carries 30 s of audio within the budget', async () => {
    const fixture = launchCore();
    uplinkAt(fixture, 780); // 4G-like
    const durations = await takeAfterFirstUpload(fixture, 35_000);
    expect(fixture.core.cutIntervalMs()).toBe(30_000);
    expect(durations[0]).toBe(FIRST_CUT_MS);
    expect(durations[1]).toBeGreaterThanOrEqual(30_000);
    expect(durations[1]).toBeLessThan(30_000 + FRAME_MS);
  });

  it('cuts at the 10 s floor, no shorter, on an uplink slower than the audio itself', async () => {
    const fixture = launchCore();
    uplinkAt(fixture, 20);
    const durations = await takeAfterFirstUpload(fixture, 25_000);
    expect(fixture.core.cutIntervalMs()).toBe(10_000);
    for (const ms of durations.slice(1, -1)) {
      expect(ms).toBeGreaterThanOrEqual(10_000);
      expect(ms).toBeLessThan(10_000 + FRAME_MS);
    }
  });
});
