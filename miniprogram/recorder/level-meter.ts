/** The meter's floor: quieter than this shows as an empty bar. */
const FLOOR_DB = -60;

/** Loudness of one 16-bit little-endian PCM frame as 0..1 on a dBFS scale (how ears judge level). */
export function frameLevel(frame: ArrayBuffer): number {
  const samples = new Int16Array(frame, 0, Math.floor(frame.byteLength / 2));
  if (samples.length === 0) return 0;
  let sumSquares = 0;
  for (const sample of samples) sumSquares += sample * sample;
  const rms = Math.sqrt(sumSquares / samples.length) / 32768;
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}
