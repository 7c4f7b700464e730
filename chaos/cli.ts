/**
 * `npm run chaos -- --seeds N [--from S]` runs seeds S..S+N-1 (S defaults to 1);
 * `npm run chaos -- --seed S` replays one. Last line: `chaos: N schedules, V violations` (V = schedules
 * that broke an invariant); the exit code is 1 when V > 0.
 */
import { explore } from './explore';

interface Args {
  seeds: number[];
}

function intOf(flag: string, raw: string | undefined): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < 0) {
    console.error(`${flag} needs a whole number ≥ 0, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

function parseArgs(argv: string[]): Args {
  let count = 10;
  let from = 1;
  let single: number | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    if (flag === '--seeds') count = intOf(flag, argv[++i]);
    else if (flag === '--from') from = intOf(flag, argv[++i]);
    else if (flag === '--seed') single = intOf(flag, argv[++i]);
    else {
      console.error(
        `unknown argument ${JSON.stringify(flag)}; usage: npm run chaos -- --seeds N [--from S] | --seed S`,
      );
      process.exit(2);
    }
  }
  if (single !== undefined) return { seeds: [single] };
  return { seeds: Array.from({ length: count }, (_, i) => from + i) };
}

async function main(): Promise<void> {
  const { seeds } = parseArgs(process.argv.slice(2));
  // Code of a killed app may still settle promises nobody awaits any more; it must not end the run.
  process.on('unhandledRejection', (reason) =>
    console.error('[chaos] unhandled rejection in the app:', reason),
  );
  // Ctrl-C or kill: exit normally, so the emulator's process group is reaped on the way out.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  // An exception nothing caught (a timer of the app, a socket) fails the schedule, not the whole run.
  const uncaught: string[] = [];
  process.on('uncaughtException', (err) => uncaught.push(err.stack ?? err.message));
  const result = await explore({
    seeds,
    print: (line) => console.log(line),
    takeUncaught: () => uncaught.splice(0),
  });
  console.log(`wall time ${(result.wallMs / 1000).toFixed(1)} s`);
  // Kills (and full-disk errors) that could cost audio, and the most any of them cost.
  const losses = result.verdicts.flatMap((v) => v.lossesMs);
  const worst = losses.length > 0 ? Math.round(Math.max(...losses)) : 0;
  console.log(`loss events checked ${losses.length}, worst loss ${worst} ms`);
  console.log(`chaos: ${result.verdicts.length} schedules, ${result.failed.length} violations`);
  process.exitCode = result.failed.length > 0 ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  console.log('chaos: 0 schedules, 1 violations');
  process.exit(1);
});
