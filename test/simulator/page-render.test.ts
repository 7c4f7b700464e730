/**
 * @jest-environment jsdom
 */
import { counterApp, simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

function text(root: Element | undefined, selector: string): string {
  return root?.querySelector(selector)?.textContent?.trim() ?? '';
}

describe('rendered pages (miniprogram-simulate)', () => {
  it('uses the simulator wx, not miniprogram-simulate stubs', () => {
    const sim = newSimulator({ app: counterApp(true) });
    sim.wx.setStorageSync('count', 41);
    const page = sim.launch();
    expect(text(page.dom, '.count')).toBe('41');
    const installed = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    expect(installed).toBe(sim.wx);
    // miniprogram-simulate's stubs (e.g. a no-op wx.request) must not leak in.
    expect(installed.request).toBeUndefined();
  });

  it('renders the page wxml with the data set in onLoad', () => {
    const sim = newSimulator({ app: counterApp(true) });
    const page = sim.launch('pages/counter/counter?name=Wang');
    expect(text(page.dom, '.greeting')).toBe('Hello Wang');
    expect(text(page.dom, '.count')).toBe('0');
  });

  it('runs the bindtap handler on a tap and shows the new data in the tree', async () => {
    const sim = newSimulator({ app: counterApp(true) });
    const page = sim.launch();
    await page.tap('#increment');
    await page.tap('#increment');
    expect(page.instance.data.count).toBe(2);
    expect(text(page.dom, '.count')).toBe('2');
    expect(Array.from(page.dom!.querySelectorAll('.history-item')).map((n) => n.textContent)).toEqual([
      'count 1',
      'count 2',
    ]);
    expect(sim.wx.getStorageSync('count')).toBe(2);
  });
});
