/**
 * The quick set of the schedule explorer: a handful of seeded fault schedules over the real Mini
 * Program and the real cloud functions, every invariant checked after each. `npm run chaos` runs more.
 */
import { explore, failureReport } from '../../chaos/explore';

/**
 * 1–8, plus the seeds that found bugs, for their kinds of schedule: 1043 (file quota nearly full, a kill in
 * the seal), 2083 (a kill inside the seal on hide), 2137 (a segment larger than the free file space),
 * 2146 (wx storage nearly full, a kill after a journal write).
 */
const QUICK_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 1043, 2083, 2137, 2146];

describe('seeded fault schedules (quick set)', () => {
  it('keeps every invariant on the quick seeds', async () => {
    const lines: string[] = [];
    const result = await explore({
      seeds: QUICK_SEEDS,
      isolate: jest.isolateModules,
      print: (l) => lines.push(l),
    });
    expect(result.failed.map(failureReport)).toEqual([]);
    expect(result.verdicts).toHaveLength(QUICK_SEEDS.length);
  }, 300_000);
});
