import { STORAGE_LIMITS } from '../../simulator/index';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

describe('wx storage', () => {
  it('returns an empty string for a key that was never set', () => {
    const { wx } = newSimulator();
    expect(wx.getStorageSync('missing')).toBe('');
  });

  it('round-trips objects through JSON and gives a top-level Date back as a Date', () => {
    const { wx } = newSimulator();
    const when = new Date('2026-01-02T03:04:05.000Z');
    wx.setStorageSync('obj', { a: 1, nested: { when }, fn: () => 1 });
    wx.setStorageSync('when', when);
    expect(wx.getStorageSync('obj')).toEqual({ a: 1, nested: { when: '2026-01-02T03:04:05.000Z' } });
    expect(wx.getStorageSync('when')).toEqual(when);
  });

  it('refuses a value over 1 MB with the platform error and keeps the old value', () => {
    const { wx } = newSimulator();
    wx.setStorageSync('big', 'small');
    expect(() => wx.setStorageSync('big', 'x'.repeat(STORAGE_LIMITS.perKeyBytes + 1))).toThrow(
      'setStorageSync:fail exceed storage item max length',
    );
    expect(wx.getStorageSync('big')).toBe('small');
  });

  it('refuses a write that would take the total over 10 MB', () => {
    const { wx } = newSimulator();
    const almostOneMb = 'y'.repeat(STORAGE_LIMITS.perKeyBytes - 100);
    for (let i = 0; i < 10; i += 1) wx.setStorageSync(`k${i}`, almostOneMb);
    expect(() => wx.setStorageSync('one-more', almostOneMb)).toThrow(
      'setStorageSync:fail exceed storage max size 10MB',
    );
    expect(wx.getStorageInfoSync().keys).not.toContain('one-more');
  });

  it('rejects the async setStorage Promise with the fail result object when over the limit', async () => {
    const { wx } = newSimulator();
    await expect(
      wx.setStorage({ key: 'big', data: 'x'.repeat(STORAGE_LIMITS.perKeyBytes + 1) }),
    ).rejects.toEqual({
      errMsg: 'setStorage:fail exceed storage item max length',
    });
  });

  it('answers getStorage for a missing key through fail with "data not found"', async () => {
    const { wx } = newSimulator();
    const result = await new Promise((resolve) => wx.getStorage({ key: 'nope', fail: resolve }));
    expect(result).toEqual({ errMsg: 'getStorage:fail data not found' });
  });

  it('resolves getStorage in Promise style with data and errMsg', async () => {
    const { wx } = newSimulator();
    await wx.setStorage({ key: 'k', data: [1, 2] });
    await expect(wx.getStorage({ key: 'k' })).resolves.toEqual({ data: [1, 2], errMsg: 'getStorage:ok' });
  });

  it('reports keys and the size in KB', () => {
    const { wx } = newSimulator();
    wx.setStorageSync('a', 'z'.repeat(4096));
    const info = wx.getStorageInfoSync();
    expect(info.keys).toEqual(['a']);
    expect(info.currentSize).toBe(5);
    expect(info.limitSize).toBe(10240);
  });

  it('writes storage through to disk when persistStorage is on', () => {
    const first = newSimulator({ persistStorage: true });
    first.wx.setStorageSync('kept', { v: 1 });
    const second = newSimulator({ persistStorage: true, dataDir: first.dataDir });
    expect(second.wx.getStorageSync('kept')).toEqual({ v: 1 });
  });
});
