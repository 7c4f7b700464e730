/**
 * The part of the CloudBase SDK that pipeline logic needs. Both `wx-server-sdk`'s `cloud` (inside cloud
 * functions) and `@cloudbase/node-sdk`'s `app` (admin server, browser recorder) satisfy it, so the same
 * logic runs in both places against the real SDKs.
 */
import type { Db } from '@cloudbase/database';

export interface CloudHandle {
  database(): Db;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(options: { fileID: string }): Promise<{ fileContent?: Buffer | string | undefined }>;
  getTempFileURL(options: {
    fileList: Array<string | { fileID: string; maxAge?: number }>;
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; code?: string; status?: number }> }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; code?: string }> }>;
}
