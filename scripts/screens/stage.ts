import * as path from 'node:path';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import type { RecorderCore } from '../../miniprogram/recorder/core';
import type { RecordViewData } from '../../miniprogram/view/record-data';
import {
  createWxSimulator,
  type PageHandle,
  type WxSimulator,
  type WxSimulatorOptions,
} from '../../simulator';
import type { ModuleIsolator } from '../../simulator/app/app-loader';
import { SAMPLE_PARAGRAPH, speechWavFile } from '../../simulator/speech';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

/** One student's phone running the real Mini Program, pages rendered, wx.cloud bound to the stage's emulator. */
export interface Phone {
  sim: WxSimulator;
  openid: string;
  page(): PageHandle;
  record(): RecordViewData;
  core(): RecorderCore;
  /** Calls a page handler as the wxml binding would (the same method the tap reaches). */
  press(handler: string, detail?: object): Promise<void>;
  until(predicate: () => boolean, what: string): Promise<void>;
}

export interface PhoneOptions {
  profile?: boolean;
  sim?: Partial<WxSimulatorOptions>;
}

/** What every scene shares: one emulator running cloudfunctions/, one speech file, phones made on demand. */
export class Stage {
  private readonly phones: WxSimulator[] = [];
  private count = 0;

  private constructor(
    readonly emu: TestEmulator,
    private readonly wav: string,
    private readonly isolate: ModuleIsolator | undefined,
  ) {}

  /** `isolate`: `jest.isolateModules` under jest; outside it the simulator clears require.cache itself. */
  static async open(isolate?: ModuleIsolator): Promise<Stage> {
    const wav = await speechWavFile({
      text: `${SAMPLE_PARAGRAPH} ${SAMPLE_PARAGRAPH}`,
      sampleRate: 16000,
      channels: 1,
    });
    return new Stage(await startTestEmulator(), wav, isolate);
  }

  async phone(options: PhoneOptions = {}): Promise<Phone> {
    this.count += 1;
    const openid = `screens-student-${this.count}`;
    if (options.profile !== false) {
      await this.emu
        .client()
        .callFunction({ name: 'saveStudentProfile', data: { name: '李雷', className: '三年二班' }, openid });
    }
    const sim = createWxSimulator({
      app: { root: MINIPROGRAM_ROOT, isolate: this.isolate, render: true },
      speed: 10,
      microphone: { wav: this.wav, onEnd: 'loop' },
      cloud: { backend: this.emu.client(), envId: this.emu.envId, openid },
      ...options.sim,
    });
    this.phones.push(sim);
    return phoneOf(sim, openid);
  }

  /** Disposes every phone but the emulator (a scene's leftovers must not reach the next one). */
  releasePhones(): void {
    for (const sim of this.phones.splice(0)) sim.dispose();
  }

  async close(): Promise<void> {
    this.releasePhones();
    await this.emu.stop();
  }
}

function phoneOf(sim: WxSimulator, openid: string): Phone {
  const page = () => {
    if (!sim.page) throw new Error('no page is open');
    return sim.page;
  };
  return {
    sim,
    openid,
    page,
    record: () => page().instance.data as unknown as RecordViewData,
    core: () => (globalThis as unknown as { getApp(): { core: RecorderCore } }).getApp().core,
    async press(handler, detail = {}) {
      const method = (page().instance as unknown as Record<string, unknown>)[handler];
      if (typeof method !== 'function') throw new Error(`page ${page().route} has no handler ${handler}`);
      await (method as (event: object) => unknown).call(page().instance, {
        detail,
        currentTarget: { dataset: detail },
      });
    },
    until: (predicate, what) => sim.waitFor(predicate, what, 60_000),
  };
}
