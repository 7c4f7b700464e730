/**
 * The few SDK call shapes the adapters use, typed loosely on purpose: both SDKs type their builders
 * with wide unions (`Promise<X> | void | string`), so the adapters narrow here, in one place.
 */

export interface SdkResult {
  code?: string;
  message?: string;
  data?: unknown;
  id?: string;
  total?: number;
  updated?: number;
  deleted?: number;
  /** updateAndReturn's new version of the document (null when nothing matched). */
  doc?: unknown;
  stats?: { updated?: number; removed?: number };
}

export interface SdkQuery {
  where(condition: object): SdkQuery;
  orderBy(field: string, order: string): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  get(): Promise<SdkResult>;
  count(): Promise<SdkResult>;
  update(arg: object): Promise<SdkResult>;
  /** @cloudbase/node-sdk only (database.modifyAndReturnDoc); wx-server-sdk's query has none. */
  updateAndReturn?(arg: object): Promise<SdkResult>;
  remove(): Promise<SdkResult>;
}

export interface SdkDocRef {
  set(arg: object): Promise<SdkResult>;
  update(arg: object): Promise<SdkResult>;
  remove(): Promise<SdkResult>;
}

/** The SDKs' aggregation builder: one method per stage (`match`, `group`, …), then `end()`. */
export interface SdkAggregate {
  end(): Promise<SdkResult>;
}

export interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocRef;
  add(arg: object): Promise<SdkResult>;
  aggregate(): SdkAggregate;
}

export interface SdkDatabase {
  command: unknown;
  collection(name: string): SdkCollection;
}

export interface SdkFileApi {
  database(): SdkDatabase;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent?: Buffer | string }>;
  getTempFileURL(options: {
    fileList: Array<{ fileID: string; maxAge: number }>;
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL?: string; code?: string; status?: number }> }>;
  deleteFile(options: { fileList: string[] }): Promise<unknown>;
}
