/**
 * @jest-environment ./simulator/jsdom-node-io-environment.js
 */
import * as path from 'node:path';
import { emulatorPerFile } from '../emulator/helpers';
import { speechWavFile } from '../../simulator/speech';
import { COLLECTIONS, type SegmentDoc } from '../../typings/documents';
import { simulatorFactory } from './fixtures/sim-fixture';

// The real Mini Program, rendered: proof that miniprogram/ runs on the simulator unchanged.
const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');
const newSimulator = simulatorFactory();
const emulator = emulatorPerFile();

interface RecordPageData {
  state: string;
  needsProfile: boolean;
  elapsed: string;
  labels: { pause: string; stop: string };
}

/** The segment documents that landed in the emulator for this student (waits for the first one). */
async function segmentsOf(openid: string): Promise<SegmentDoc[]> {
  const collection = emulator.emu.nodeApp().database().collection(COLLECTIONS.segments);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { data } = await collection.where({ _openid: openid }).get();
    if (data.length > 0) return data as SegmentDoc[];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no segment document for ${openid}`);
}

function texts(root: Element | undefined, selector: string): string[] {
  return Array.from(root?.querySelectorAll(selector) ?? []).map((node) => node.textContent?.trim() ?? '');
}

describe('the real record page, rendered', () => {
  it('records on a tap, pauses on a tap, and lists the uploaded segment in the tree', async () => {
    const openid = 'render-student-1';
    await emulator.emu
      .client()
      .callFunction({ name: 'saveStudentProfile', data: { name: '韩梅梅', className: '三年二班' }, openid });
    const wav = await speechWavFile({
      text: 'Reading aloud on the record page.',
      sampleRate: 16000,
      channels: 1,
    });
    const sim = newSimulator({
      app: { root: MINIPROGRAM_ROOT, isolate: jest.isolateModules, render: true },
      speed: 10,
      microphone: { wav },
      cloud: { backend: emulator.emu.client(), envId: emulator.emu.envId, openid },
    });
    const page = sim.launch();
    const data = () => page.instance.data as unknown as RecordPageData;
    await sim.waitFor(
      () => texts(page.dom, '.controls wx-button').length > 0 && !data().needsProfile,
      'controls',
    );

    await page.tap('.controls wx-button');
    await sim.waitFor(() => data().state === 'recording', 'recording');
    await sim.waitFor(() => data().elapsed !== '00:00', 'some audio');
    // While recording the first control is Pause, then Stop: the tree follows setData.
    expect(texts(page.dom, '.controls wx-button')).toEqual([data().labels.pause, data().labels.stop]);
    await page.tap('.controls wx-button');
    await sim.waitFor(() => data().state === 'paused', 'paused');
    await sim.waitFor(() => texts(page.dom, '.segment').length === 1, 'a segment row');

    const segments = await segmentsOf(openid);
    expect(segments.map((s) => [s.seq, s._openid])).toEqual([[0, openid]]);
    expect(sim.appErrors).toEqual([]);
  });
});
