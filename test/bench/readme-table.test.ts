/** `npm run bench -- --record` puts the README's table between its markers, from the rows it recorded. */
import { README_END, README_START, readmeTable, withReadmeTable } from '../../bench/record';
import type { BenchRow } from '../../bench/types';

const rows: BenchRow[] = [
  {
    section: 'pipeline',
    metric: 'finalize, 10 segments',
    value: 188,
    unit: 'ms',
    target: '≤ 1500 ms',
    pass: true,
  },
  { section: 'emulator', metric: '1,000 gets', value: 657, unit: 'ms' },
  { section: 'takes', metric: '3G 60 s p95', value: 16210, unit: 'ms', target: '≤ 5000 ms', pass: false },
];
const ctx = {
  command: 'npm run bench -- --record',
  startedAt: new Date('2026-12-01T20:00:00Z'),
  loadBefore: [0.12, 0.3, 0.5],
  loadAfter: [1.5, 1, 0.7],
};

test('the README table lists every row with a target, with its verdict, the date and the load', () => {
  const table = readmeTable(rows, ctx);
  expect(table).toContain(
    'Measured 2026-12-01 by `npm run bench -- --record`, load average before the run 0.12 / 0.30 / 0.50',
  );
  expect(table).toContain('| pipeline | finalize, 10 segments | 188 ms | ≤ 1500 ms | met |');
  expect(table).toContain('| takes | 3G 60 s p95 | 16210 ms | ≤ 5000 ms | **missed** |');
  expect(table).not.toContain('1,000 gets');
});

test('recording again replaces the old table between the markers and leaves the rest of the README', () => {
  const readme = `# Title\n\n${README_START}\n\nold table\n\n${README_END}\n\nAfter.\n`;
  const once = withReadmeTable(readme, 'new table');
  expect(withReadmeTable(once, 'newer table')).toBe(
    `# Title\n\n${README_START}\n\nnewer table\n\n${README_END}\n\nAfter.\n`,
  );
});

test('a README without the markers is refused rather than written somewhere else', () => {
  expect(() => withReadmeTable('# no markers', 'table')).toThrow(/bench:start/);
});
