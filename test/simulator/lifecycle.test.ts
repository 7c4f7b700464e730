import * as fs from 'node:fs';
import { speechWavFile } from '../../simulator/speech';
import { USER_DATA_PATH } from '../../simulator/index';
import { traceRecorder } from './fixtures/recording';
import { counterApp, simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

type CounterApp = { launches: number; shows: number; hides: number };

function appOf(): CounterApp {
  return (globalThis as unknown as { getApp(): CounterApp }).getApp();
}

describe('app lifecycle', () => {
  it('launches the app: App.onLaunch and onShow, then the entry page with its query', () => {
    const sim = newSimulator({ app: counterApp() });
    const page = sim.launch('pages/counter/counter?name=Li');
    expect(appOf()).toMatchObject({ launches: 1, shows: 1 });
    expect(page.instance.data).toMatchObject({ name: 'Li', hooks: ['onLoad', 'onShow'] });
    expect((globalThis as unknown as { getCurrentPages(): unknown[] }).getCurrentPages()).toEqual([
      page.instance,
    ]);
  });

  it('hide and show run Page.onHide, App.onHide and wx.onAppHide, then the show hooks', async () => {
    const sim = newSimulator({ app: counterApp() });
    const page = sim.launch();
    const seen: string[] = [];
    sim.wx.onAppHide(() => seen.push('appHide'));
    sim.wx.onAppShow(() => seen.push('appShow'));
    sim.hide();
    sim.show();
    expect(seen).toEqual(['appHide', 'appShow']);
    expect(appOf()).toMatchObject({ hides: 1, shows: 2 });
    expect(page.instance.data.hooks).toEqual(['onLoad', 'onShow', 'onHide', 'onShow']);
  });

  it('kill keeps storage and saved files but drops temp files, app memory and timers', async () => {
    const wav = await speechWavFile({ text: 'kept and dropped', sampleRate: 16000, channels: 1 });
    const sim = newSimulator({ app: counterApp(), speed: 100, microphone: { wav } });
    sim.launch();
    const { recorder, trace } = traceRecorder(sim);
    for (const stops of [1, 2]) {
      recorder.start({ format: 'PCM', sampleRate: 16000, numberOfChannels: 1, duration: 300 });
      await sim.waitFor(() => trace.stops.length === stops, 'onStop');
    }
    const [toSave, toLose] = trace.stops.map((s) => s.tempFilePath);
    const { savedFilePath } = (await sim.wx.saveFile({ tempFilePath: toSave })) as { savedFilePath: string };
    sim.wx.setStorageSync('journal', { seq: 2 });
    sim.wx.getFileSystemManager().writeFileSync(`${USER_DATA_PATH}/user.txt`, 'mine');
    let timerFired = false;
    setTimeout(() => (timerFired = true), 5);

    sim.kill();

    expect(sim.wx.getStorageSync('journal')).toEqual({ seq: 2 });
    expect(fs.existsSync(sim.realPath(savedFilePath))).toBe(true);
    expect(fs.readFileSync(sim.realPath(`${USER_DATA_PATH}/user.txt`), 'utf8')).toBe('mine');
    expect(fs.existsSync(sim.realPath(toLose))).toBe(false);
    expect(sim.tempFiles()).toEqual([]);
    expect(sim.page).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(timerFired).toBe(false);
  });

  it('relaunch re-runs the app modules: a fresh App instance, and storage carried over', async () => {
    const sim = newSimulator({ app: counterApp() });
    const first = sim.launch();
    await first.tap('onIncrement');
    await first.tap('onIncrement');
    const firstApp = appOf();
    const second = sim.relaunch();
    expect(appOf()).not.toBe(firstApp);
    expect(appOf()).toMatchObject({ launches: 1, shows: 1, hides: 0 });
    expect(second.instance.data.count).toBe(2);
    expect(second).not.toBe(first);
  });

  it('locks the screen on the idle timeout only while the app has not asked to keep it on', async () => {
    const sim = newSimulator({ app: counterApp() });
    sim.launch();
    await sim.wx.setKeepScreenOn({ keepScreenOn: true });
    expect(sim.idleScreenTimeout()).toBe(false);
    await sim.wx.setKeepScreenOn({ keepScreenOn: false });
    expect(sim.idleScreenTimeout()).toBe(true);
    expect(appOf()).toMatchObject({ hides: 1 });
  });

  it('refuses a second launch of a running app with a clear CONFLICT error', () => {
    const sim = newSimulator({ app: counterApp() });
    sim.launch();
    expect(() => sim.launch()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(sim.pages).toHaveLength(1);
  });

  it('navigates: navigateTo hides the current page, navigateBack unloads the top and shows the one below', async () => {
    const sim = newSimulator({ app: counterApp() });
    const first = sim.launch('pages/counter/counter?name=one');
    await sim.wx.navigateTo({ url: '/pages/counter/counter?name=two' });
    expect(sim.pages.map((p) => p.instance.data.name)).toEqual(['one', 'two']);
    const second = sim.page!;
    await sim.wx.navigateBack({});
    expect(second.instance.data.hooks).toEqual(['onLoad', 'onShow', 'onUnload']);
    expect(first.instance.data.hooks).toEqual(['onLoad', 'onShow', 'onHide', 'onShow']);
  });

  it('records an error thrown by a page handler in the simulator error list', async () => {
    const sim = newSimulator({ app: counterApp() });
    const page = sim.launch();
    page.instance.onShow = () => {
      throw new Error('boom in onShow');
    };
    sim.hide();
    sim.show();
    expect(sim.appErrors[0]).toContain('boom in onShow');
  });
});
