/** One finished segment upload: what went over the uplink and how long the `uploadFile` call took. */
export interface UploadSample {
  bytes: number;
  ms: number;
}

export interface CutPolicy {
  /** The longest segment, and the interval before any upload was measured; 0 turns automatic cuts off. */
  maxMs: number;
  /** The shortest interval, however slow the uplink: each cut costs a round trip and a finalize step. */
  floorMs: number;
  /** Wire time the open segment may need after a pause. */
  wireBudgetMs: number;
  /** The PCM the recorder makes (16 kHz × 16 bit mono: 32 bytes per ms). */
  audioBytesPerMs: number;
}

/** The newest uploads that make up the throughput estimate (a window, so one stall does not rule). */
export const THROUGHPUT_WINDOW = 4;

/**
 * Defaults, justified in miniprogram/README.md ("Adaptive cuts"): a 3 s wire budget keeps pause → MP3
 * ready under the 5 s target on a 3G-like link with room for the ingest; a 10 s floor keeps a 10-minute
 * take at most 60 segments, so finalizeRecording stays ≤ 1.5 s.
 */
export const DEFAULT_FLOOR_MS = 10_000;
export const DEFAULT_WIRE_BUDGET_MS = 3_000;

/** Bytes per ms the uplink carried over the newest uploads; undefined before any was measured. */
export function measuredThroughput(samples: readonly UploadSample[]): number | undefined {
  const recent = samples.slice(-THROUGHPUT_WINDOW);
  if (recent.length === 0) return undefined;
  const bytes = recent.reduce((sum, s) => sum + s.bytes, 0);
  const ms = recent.reduce((sum, s) => sum + s.ms, 0);
  // Uploads that took no measurable time (an ideal link): as fast as it gets, so the longest segments.
  return ms > 0 ? bytes / ms : Number.POSITIVE_INFINITY;
}

/**
 * How many ms of audio the open segment may hold before it is cut: as much as the uplink carries within
 * the wire budget, between the floor and the maximum. Before any upload was measured, the maximum. An
 * uplink slower than the audio itself falls behind whatever the interval, and shorter cuts would only add
 * round trips: it gets the floor, never less, so the estimate cannot spiral down.
 */
export function cutIntervalMs(samples: readonly UploadSample[], policy: CutPolicy): number {
  if (policy.maxMs <= 0) return 0;
  const throughput = measuredThroughput(samples);
  if (throughput === undefined) return policy.maxMs;
  const floor = Math.min(policy.floorMs, policy.maxMs);
  if (throughput <= policy.audioBytesPerMs) return floor;
  const fits = (policy.wireBudgetMs * throughput) / policy.audioBytesPerMs;
  return Math.round(Math.min(policy.maxMs, Math.max(floor, fits)));
}
