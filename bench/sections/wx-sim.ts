/**
 * wx simulator speed: how fast the simulated microphone can record (the ceiling for accelerated recorder
 * tests), a headless cold start of the fixture app, and a 512 KB setStorageSync.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';
import { createWxSimulator, type WxSimulator, type WxSimulatorOptions } from '../../simulator';
import { median, type BenchRow, type BenchSection } from '../types';

const SECTION = 'wx-sim';
const FIXTURE_APP = path.join(__dirname, '../../simulator/examples/counter-app');

async function recorderSpeed(): Promise<BenchRow> {
  const wav = await speechWavFile({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 });
  const sim = createWxSimulator({ speed: 100000, recorder: { tickMs: 1000 }, microphone: { wav } });
  try {
    const recorder = sim.wx.getRecorderManager();
    const stopped = new Promise<void>((resolve) => recorder.onStop(() => resolve()));
    const started = performance.now();
    recorder.start({
      format: 'PCM',
      sampleRate: 16000,
      numberOfChannels: 1,
      frameSize: 32,
      duration: 600000,
    });
    await stopped;
    const seconds = (performance.now() - started) / 1000;
    return {
      section: SECTION,
      metric: '10 min PCM recording, max speed',
      value: 600 / seconds,
      unit: '× real time',
    };
  } finally {
    sim.dispose();
  }
}

/** Median wall time of `runs` calls of `step` on a fresh simulator, as one table row. */
function medianRow(
  metric: string,
  options: WxSimulatorOptions,
  step: (sim: WxSimulator, i: number) => void,
): BenchRow {
  const sim = createWxSimulator(options);
  const times: number[] = [];
  try {
    for (let i = 0; i < 20; i += 1) {
      const started = performance.now();
      step(sim, i);
      times.push(performance.now() - started);
    }
  } finally {
    sim.dispose();
  }
  return { section: SECTION, metric: `${metric}, median of 20`, value: median(times), unit: 'ms' };
}

const LARGE_VALUE = 'x'.repeat(512 * 1024);

const section: BenchSection = {
  name: SECTION,
  async run() {
    return [
      await recorderSpeed(),
      medianRow('headless cold start (fixture app)', { app: { root: FIXTURE_APP } }, (sim) => sim.relaunch()),
      medianRow('setStorageSync 512 KB, persisted', { persistStorage: true }, (sim, i) =>
        sim.wx.setStorageSync(`k${i % 5}`, LARGE_VALUE),
      ),
    ];
  },
};

export default section;
