/**
 * `npm run bench [section...]`: runs every section in bench/sections (or the named ones), prints one table
 * and writes bench/results/bench-<timestamp>.json plus bench/results/latest.json (ignored by git).
 * `--record` also writes the committed bench/RESULTS.md and, from the same rows, the README's table.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { format, resolveConfig } from 'prettier';
import { readmeTable, resultsMarkdown, withReadmeTable } from './record';
import type { BenchRow, BenchSection } from './types';

async function loadSections(only: string[]): Promise<BenchSection[]> {
  const dir = path.join(__dirname, 'sections');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const sections: BenchSection[] = [];
  for (const file of files) {
    const mod = (await import(path.join(dir, file))) as { default: BenchSection };
    if (only.length === 0 || only.includes(mod.default.name)) sections.push(mod.default);
  }
  return sections;
}

function printTable(rows: BenchRow[]): void {
  const cells = rows.map((r) => [
    r.section,
    r.metric,
    Number.isInteger(r.value) ? String(r.value) : r.value.toFixed(2),
    r.unit,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS',
    r.note ?? '',
  ]);
  const header = ['section', 'metric', 'value', 'unit', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

/** Committed files are written as Prettier would format them, so `npm run lint` stays clean. */
async function writeMarkdown(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const record = args.includes('--record');
  const sections = await loadSections(args.filter((a) => !a.startsWith('--')));
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const rows: BenchRow[] = [];
  for (const section of sections) {
    console.error(`[bench] ${section.name} …`);
    rows.push(...(await section.run()));
  }
  printTable(rows);
  const outDir = path.join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const report = { at: new Date().toISOString(), node: process.version, rows };
  const stamp = report.at.replace(/[:.]/g, '-');
  writeFileSync(path.join(outDir, `bench-${stamp}.json`), JSON.stringify(report, null, 2));
  writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(report, null, 2));
  console.log(`\nwrote bench/results/latest.json`);
  if (record) {
    // The BENCH_* settings change what runs (takes lengths, runs), so they are part of the command.
    const settings = Object.entries(process.env)
      .filter(([name]) => name.startsWith('BENCH_'))
      .map(([name, value]) => `${name}=${value ?? ''}`);
    const command = [...settings, 'npm run bench --', ...args].join(' ');
    const ctx = { command, startedAt, loadBefore, loadAfter: os.loadavg() };
    await writeMarkdown(path.join(__dirname, 'RESULTS.md'), resultsMarkdown(rows, ctx));
    const readmePath = path.join(__dirname, '..', 'README.md');
    await writeMarkdown(
      readmePath,
      withReadmeTable(readFileSync(readmePath, 'utf8'), readmeTable(rows, ctx)),
    );
    console.log('wrote bench/RESULTS.md and the table in README.md');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
