/**
 * What wx.cloud needs from the cloud: exactly the documented surface of `EmulatorClient`
 * (emulator/client.ts, see CONTRIBUTING "Emulator client surface"), so an EmulatorClient is passed as is.
 */
export interface CloudBackend {
  /** `cutAfterBytes`: send only that many bytes, then drop the connection (a fault a test injected). */
  uploadFile(args: {
    cloudPath: string;
    data: Buffer;
    openid: string;
    cutAfterBytes?: number;
  }): Promise<{ fileID: string }>;
  callFunction(args: {
    name: string;
    data: unknown;
    openid: string;
    appid?: string;
  }): Promise<{ result: unknown; requestId: string }>;
  getTempFileURL(args: { fileList: string[]; maxAge?: number; openid: string }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg: string }>;
  }>;
  downloadFile(args: { fileID: string; openid: string }): Promise<Buffer>;
  deleteFile(args: { fileList: string[]; openid: string }): Promise<{
    fileList: Array<{ fileID: string; status: number; errMsg: string }>;
  }>;
}

/** The error a backend throws for a cloud-side failure (EmulatorClientError has this shape). */
export interface BackendErrorShape {
  errCode: number;
  errMsg: string;
}

export function isBackendError(err: unknown): err is BackendErrorShape {
  return typeof err === 'object' && err !== null && typeof (err as BackendErrorShape).errCode === 'number';
}
