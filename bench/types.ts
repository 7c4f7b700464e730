/** One row of the benchmark table: a measured value with its unit and, where the issue sets one, its target. */
export interface BenchRow {
  section: string;
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target from the issue, e.g. "≥ 90" or "≤ 1.5 s". */
  target?: string;
  /** Whether the value meets the target (undefined where there is none). */
  pass?: boolean;
  note?: string;
}

export interface BenchSection {
  name: string;
  run(): Promise<BenchRow[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}
