/**
 * `npm run bench -- --record`: the committed bench/RESULTS.md that the README's performance table quotes,
 * with what a reader needs to judge the numbers: when, on what machine, under what load, by which command.
 */
import os from 'node:os';
import type { BenchRow } from './types';

export interface RunContext {
  command: string;
  startedAt: Date;
  loadBefore: number[];
  loadAfter: number[];
}

function cell(value: string): string {
  return value.replace(/\|/g, '\\|');
}

function valueOf(row: BenchRow): string {
  return Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(2);
}

function verdict(row: BenchRow): string {
  if (row.pass === undefined) return '';
  return row.pass ? 'met' : '**missed**';
}

export function resultsMarkdown(rows: BenchRow[], ctx: RunContext): string {
  const cpus = os.cpus();
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`${ctx.command}\`; do not edit by hand.`,
    '',
    `- date: ${ctx.startedAt.toISOString()}`,
    `- machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
    `- Node.js: ${process.version}`,
    `- load average (1 / 5 / 15 min): before ${load(ctx.loadBefore)}, after ${load(ctx.loadAfter)}`,
    '',
    '| section | metric | value | unit | target | | note |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.section} | ${cell(r.metric)} | ${valueOf(r)} | ${r.unit} | ${cell(r.target ?? '')} | ${verdict(r)} | ${cell(r.note ?? '')} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export const README_START =
  '<!-- bench:start (written by `npm run bench -- --record` from bench/RESULTS.md) -->';
export const README_END = '<!-- bench:end -->';

/** The README's table: every row with a target, from the same run as RESULTS.md, with its date and load. */
export function readmeTable(rows: BenchRow[], ctx: RunContext): string {
  const load = ctx.loadBefore.map((x) => x.toFixed(2)).join(' / ');
  const targeted = rows.filter((r) => r.target !== undefined);
  return [
    `Measured ${ctx.startedAt.toISOString().slice(0, 10)} by \`${ctx.command}\`, load average before the run ${load}`,
    '(all rows and notes: [bench/RESULTS.md](bench/RESULTS.md)).',
    '',
    '| section | metric | value | target | |',
    '| --- | --- | --- | --- | --- |',
    ...targeted.map(
      (r) =>
        `| ${r.section} | ${cell(r.metric)} | ${valueOf(r)} ${r.unit} | ${cell(r.target ?? '')} | ${verdict(r)} |`,
    ),
  ].join('\n');
}

/** Puts `table` between the README's bench markers; the README must already have both. */
export function withReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README.md lacks the bench:start / bench:end markers');
  return `${readme.slice(0, start + README_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
