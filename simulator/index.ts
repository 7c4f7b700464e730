/** The wx simulator: a WeChat runtime for tests and the demo script. See README.md. */
export { createWxSimulator, WxSimulator } from './simulator';
export type { WxSimulatorOptions } from './simulator-options';
export type { CloudBackend } from './cloud/cloud-backend';
export { ForwardingBackend } from './cloud/forwarding-backend';
export type { CloudBinding } from './cloud/wx-cloud';
export type { PageHandle, PageInstance } from './page/page-handle';
export type { SimWx } from './app/build-wx';
export { requireCacheIsolator } from './app/app-loader';
export { USER_DATA_PATH } from './fs/virtual-paths';
export { STORAGE_LIMITS } from './storage/storage-area';
export { USER_FILES_QUOTA_BYTES } from './fs/virtual-fs';
export { MAX_DURATION_MS, BITRATE_RANGES } from './recorder/recorder-options';
