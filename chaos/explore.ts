/**
 * Runs a range of seeds against one emulator process and reports each verdict: the engine behind
 * `npm run chaos` and the quick set in `npm test`.
 */
import { startEmulatorProcess, type EmulatorProcess } from '../harness/emulator-process';
import type { ModuleIsolator } from '../simulator/app/app-loader';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../simulator/speech';
import type { Verdict } from './invariants';
import { runSchedule } from './runner';
import { formatSchedule, scheduleFor } from './schedule';

export interface ExploreOptions {
  seeds: number[];
  isolate?: ModuleIsolator;
  /** One line per schedule, and the full report of each failing one. */
  print: (line: string) => void;
  /** Errors nothing caught while the last schedule ran (the CLI collects them instead of dying). */
  takeUncaught?: () => string[];
}

export interface ExploreResult {
  verdicts: Verdict[];
  failed: Verdict[];
  wallMs: number;
}

/** About 80 s of speech, or over 10 minutes for schedules that reach the platform's cap. */
export function speech(long: boolean): Promise<string> {
  const paragraphs = long ? 34 : 4;
  return speechWavFile({
    text: Array(paragraphs).fill(SAMPLE_PARAGRAPH).join(' '),
    sampleRate: 16000,
    channels: 1,
  });
}

export function replayCommand(seed: number): string {
  return `npm run chaos -- --seed ${seed}`;
}

export function failureReport(verdict: Verdict): string {
  return [
    `FAIL ${formatSchedule(scheduleFor(verdict.seed))}`,
    ...(verdict.serverFaults.length ? [`  server faults: ${verdict.serverFaults.join('; ')}`] : []),
    ...verdict.violations.map((v) => `  violated ${v}`),
    `  replay: ${replayCommand(verdict.seed)}`,
  ].join('\n');
}

function summary(verdict: Verdict, ms: number): string {
  const worst = verdict.lossesMs.length ? ` worst loss ${Math.round(Math.max(...verdict.lossesMs))} ms` : '';
  const status = verdict.violations.length ? `FAIL (${verdict.violations.length})` : 'ok';
  return `seed ${verdict.seed}: ${status} ${verdict.recordings} recordings, ${verdict.segments} segments, ${verdict.lossesMs.length} kills checked${worst}, ${verdict.retryTaps} retry taps, ${Math.round(ms)} ms`;
}

/**
 * The emulator is the platform, and the platform does not die of a schedule: if it died on its own,
 * that is this schedule's violation. It is started again so the seeds after it run on a live one.
 */
export async function emulatorBackUp(emulator: EmulatorProcess): Promise<string[]> {
  const died = emulator.takeUnexpectedExit();
  if (emulator.running) return died ? [`the emulator died on its own (${died})`] : [];
  await emulator.restart();
  return died ? [`the emulator died on its own, and was started again (${died})`] : [];
}

export async function explore(options: ExploreOptions): Promise<ExploreResult> {
  const started = Date.now();
  const emulator = await startEmulatorProcess();
  const verdicts: Verdict[] = [];
  try {
    for (const seed of options.seeds) {
      const t0 = Date.now();
      let verdict: Verdict;
      try {
        verdict = await runSchedule(scheduleFor(seed), { emulator, wav: speech, isolate: options.isolate });
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        verdict = {
          seed,
          failedCalls: [],
          kills: [],
          violations: [`run crashed: ${message}`],
          lossesMs: [],
          recordings: 0,
          segments: 0,
          retryTaps: 0,
          serverFaults: [],
        };
      }
      const uncaught = options.takeUncaught?.() ?? [];
      verdict.violations.push(...uncaught.map((e) => `uncaught exception while the schedule ran: ${e}`));
      verdict.violations.push(...(await emulatorBackUp(emulator)));
      verdicts.push(verdict);
      options.print(summary(verdict, Date.now() - t0));
      if (verdict.violations.length) options.print(failureReport(verdict));
    }
  } finally {
    await emulator.stop();
  }
  return { verdicts, failed: verdicts.filter((v) => v.violations.length > 0), wallMs: Date.now() - started };
}
