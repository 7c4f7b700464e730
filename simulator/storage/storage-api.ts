import { asyncApi, syncApi, type ApiContext } from '../core/api-context';
import { WxFailure } from '../core/wx-result';
import type { StorageArea } from './storage-area';

function requireKey(key: unknown): string {
  if (typeof key !== 'string') throw new WxFailure('parameter error: parameter.key should be String');
  return key;
}

/** wx.*Storage* over one StorageArea; async forms support Promise style like the real ones. */
export function createStorageApi(ctx: ApiContext, area: StorageArea) {
  return {
    setStorageSync: syncApi('setStorageSync', (key: string, data: unknown) =>
      area.set(requireKey(key), data),
    ),
    // The real getStorageSync returns '' for a key that was never set.
    getStorageSync: syncApi('getStorageSync', (key: string) =>
      area.has(requireKey(key)) ? area.get(key) : '',
    ),
    removeStorageSync: syncApi('removeStorageSync', (key: string) => area.remove(requireKey(key))),
    clearStorageSync: syncApi('clearStorageSync', () => area.clear()),
    getStorageInfoSync: syncApi('getStorageInfoSync', () => area.info()),
    setStorage: asyncApi(ctx, 'setStorage', (o: { key: string; data: unknown }) => {
      area.set(requireKey(o.key), o.data);
      return {};
    }),
    getStorage: asyncApi(ctx, 'getStorage', (o: { key: string }) => {
      if (!area.has(requireKey(o.key))) throw new WxFailure('data not found');
      return { data: area.get(o.key) };
    }),
    removeStorage: asyncApi(ctx, 'removeStorage', (o: { key: string }) => {
      area.remove(requireKey(o.key));
      return {};
    }),
    clearStorage: asyncApi(ctx, 'clearStorage', () => {
      area.clear();
      return {};
    }),
    getStorageInfo: asyncApi(ctx, 'getStorageInfo', () => area.info()),
  };
}
