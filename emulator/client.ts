/**
 * EmulatorClient: what `wx.cloud` does for a Mini Program user, over HTTP to a running emulator (so it
 * works from another process). The wx simulator builds `wx.cloud` on it; the demo uses it directly.
 */

import { ReadableStream } from 'node:stream/web';

export interface EmulatorClientOptions {
  url: string;
  envId: string;
}

export interface TempFileInfo {
  fileID: string;
  tempFileURL: string;
  status: number;
  errMsg: string;
  maxAge?: number;
}

export interface DeleteFileInfo {
  fileID: string;
  status: number;
  errMsg: string;
}

/** Rejection shaped like wx.cloud's: `errCode` (e.g. -504002 when the function threw) and `errMsg`. */
export class EmulatorClientError extends Error {
  readonly errCode: number;
  readonly errMsg: string;
  /** CloudBase's string code, e.g. FUNCTIONS_EXECUTE_FAIL or FUNCTIONS_TIME_LIMIT_EXCEEDED. */
  readonly code: string;
  readonly requestId: string;

  constructor(
    api: string,
    body: { errCode?: number; errMsg?: string; code?: string; requestId?: string },
    status: number,
  ) {
    const errMsg = `cloud.${api}:fail ${body.errCode ?? status} ${body.code ?? 'HTTP_' + status}: ${body.errMsg ?? 'request failed'}`;
    super(errMsg);
    this.name = 'EmulatorClientError';
    this.errCode = body.errCode ?? -501001;
    this.errMsg = errMsg;
    this.code = body.code ?? 'SYS_ERR';
    this.requestId = body.requestId ?? '';
  }
}

interface CallOptions {
  openid?: string;
  appid?: string;
  unionid?: string;
  body: Buffer | ReadableStream<Uint8Array> | object;
  query?: Record<string, string>;
}

/** Bytes and streams go as octets, anything else as JSON. */
function requestBody(payload: CallOptions['body']): { contentType: string; init: RequestInit } {
  // A streamed body must say so (fetch's half-duplex rule).
  if (payload instanceof ReadableStream)
    return {
      contentType: 'application/octet-stream',
      init: { body: payload, duplex: 'half' } as RequestInit,
    };
  if (Buffer.isBuffer(payload))
    return { contentType: 'application/octet-stream', init: { body: new Uint8Array(payload) } };
  return { contentType: 'application/json', init: { body: JSON.stringify(payload) } };
}

/** A body that sends the first `bytes` of `data` and then fails, so the connection drops midway. */
function cutStream(data: Buffer, bytes: number): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(data.subarray(0, Math.max(0, bytes))));
    },
    pull(controller) {
      controller.error(new Error('connection dropped midway through the upload'));
    },
  });
}

export class EmulatorClient {
  readonly url: string;
  readonly envId: string;

  constructor(options: EmulatorClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.envId = options.envId;
  }

  /** `cutAfterBytes` sends only that many bytes and then drops the connection (a network fault for tests). */
  async uploadFile(options: {
    cloudPath: string;
    data: Buffer;
    openid: string;
    cutAfterBytes?: number;
  }): Promise<{ fileID: string }> {
    const { openid, cloudPath, data, cutAfterBytes } = options;
    const body = cutAfterBytes === undefined ? data : cutStream(data, cutAfterBytes);
    return (await this.call('uploadFile', { openid, body, query: { cloudPath } })).json() as Promise<{
      fileID: string;
    }>;
  }

  /** Resolves `{result, requestId}` with what main returned; rejects when it threw or timed out. */
  async callFunction<T = unknown>(options: {
    name: string;
    data?: unknown;
    openid: string;
    appid?: string;
    unionid?: string;
  }): Promise<{ result: T; requestId: string }> {
    const { name, data, ...identity } = options;
    const res = await this.call('callFunction', { ...identity, body: { name, data: data ?? {} } });
    return res.json() as Promise<{ result: T; requestId: string }>;
  }

  /** As the user `openid`: the storage read rule decides, per file. */
  async getTempFileURL(options: {
    fileList: Array<string | { fileID: string; maxAge?: number }>;
    maxAge?: number;
    openid: string;
  }): Promise<{ fileList: TempFileInfo[] }> {
    const { openid, ...body } = options;
    const res = await this.call('getTempFileURL', { openid, body });
    return res.json() as Promise<{ fileList: TempFileInfo[] }>;
  }

  async downloadFile(options: { fileID: string; openid: string }): Promise<Buffer> {
    const res = await this.call('downloadFile', { openid: options.openid, body: { fileID: options.fileID } });
    return Buffer.from(await res.arrayBuffer());
  }

  async deleteFile(options: { fileList: string[]; openid: string }): Promise<{ fileList: DeleteFileInfo[] }> {
    const res = await this.call('deleteFile', {
      openid: options.openid,
      body: { fileList: options.fileList },
    });
    return res.json() as Promise<{ fileList: DeleteFileInfo[] }>;
  }

  /** Runs a function's timer trigger now (emulator control, see emulator/functions/timers.ts). */
  async fireTimer<T = unknown>(
    name: string,
  ): Promise<{ result: T; trigger: { name: string; cron: string } }> {
    const res = await fetch(`${this.url}/timers/fire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    const body = (await res.json().catch(() => ({}))) as {
      result: T;
      trigger: { name: string; cron: string };
      code?: string;
      message?: string;
    };
    if (!res.ok)
      throw new EmulatorClientError('fireTimer', { code: body.code, errMsg: body.message }, res.status);
    return body;
  }

  private async call(api: string, options: CallOptions): Promise<Response> {
    const headers: Record<string, string> = {};
    if (options.openid) headers['x-wx-openid'] = options.openid;
    if (options.appid) headers['x-wx-appid'] = options.appid;
    if (options.unionid) headers['x-wx-unionid'] = options.unionid;
    const { contentType, init } = requestBody(options.body);
    headers['content-type'] = contentType;
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const res = await fetch(`${this.url}/client/${api}${query}`, { method: 'POST', headers, ...init });
    if (res.ok) return res;
    const body = (await res.json().catch(() => ({}))) as ConstructorParameters<typeof EmulatorClientError>[1];
    throw new EmulatorClientError(api, body, res.status);
  }
}
