/**
 * Emulator speed through the real @cloudbase/node-sdk: 1,000 sequential doc().get() calls, and a
 * teacher-style listing (filter + sort + skip/limit) over 10,000 recordings, answered through the
 * recordings' declared indexes (emulator/README.md, "Indexes and query execution").
 */
import { performance } from 'node:perf_hooks';
import { startTestEmulator, type NodeDb } from '../../harness/emulator';
import { median, percentile, type BenchRow, type BenchSection } from '../types';

const SECTION = 'emulator';

async function timeEach(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    durations.push(performance.now() - start);
  }
  return durations;
}

async function sequentialGets(db: NodeDb): Promise<BenchRow[]> {
  await db.collection('bench').add({ _id: 'the-doc', title: 'hello', n: 1 });
  await timeEach(20, () => db.collection('bench').doc('the-doc').get()); // warm-up: connections, JIT
  const durations = await timeEach(1000, () => db.collection('bench').doc('the-doc').get());
  const total = durations.reduce((sum, d) => sum + d, 0);
  return [
    { section: SECTION, metric: '1,000 sequential doc().get() total', value: total, unit: 'ms' },
    { section: SECTION, metric: 'doc().get() median per call', value: median(durations), unit: 'ms' },
    // The tail shows how busy the machine is more than the emulator (its handler takes ~0.02 ms).
    { section: SECTION, metric: 'doc().get() p90 per call', value: percentile(durations, 90), unit: 'ms' },
  ];
}

async function seedRecordings(db: NodeDb, count: number): Promise<void> {
  const base = Date.UTC(2026, 0, 1);
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, k) => {
      const i = start + k;
      return {
        _id: `rec-${String(i).padStart(6, '0')}-bench`,
        _openid: `student-${i % 200}`,
        assignmentId: `assignment-${i % 20}`,
        status: i % 7 === 0 ? 'partial' : 'ready',
        durationMs: 1000 + (i % 90) * 1000,
        createdAt: new Date(base + i * 60000),
      };
    });
    await db.collection('recordings').add(batch);
  }
}

async function listing(db: NodeDb): Promise<BenchRow[]> {
  await seedRecordings(db, 10000);
  const page = (n: number) =>
    db
      .collection('recordings')
      .where({ assignmentId: 'assignment-3', status: 'ready' })
      .orderBy('createdAt', 'desc')
      .skip(n * 20)
      .limit(20)
      .get();
  await timeEach(5, () => page(0));
  const durations = await timeEach(50, () => page(Math.floor(Math.random() * 20)));
  return [
    {
      section: SECTION,
      metric: 'listing page of 10,000 recordings (filter+sort+skip/limit) median',
      value: median(durations),
      unit: 'ms',
    },
  ];
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const emu = await startTestEmulator({ envId: 'bench-env', autoCreateCollections: true });
    try {
      const db = emu.nodeApp().database();
      return [...(await sequentialGets(db)), ...(await listing(db))];
    } finally {
      await emu.stop();
    }
  },
};

export default section;
