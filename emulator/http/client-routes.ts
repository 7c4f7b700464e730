/**
 * `/client/*`: what `wx.cloud` does from a Mini Program, over plain HTTP so a simulator in another
 * process can use it. The caller's identity comes in headers (`x-wx-openid`, `x-wx-appid`,
 * `x-wx-unionid`), as the WeChat client attaches it to every cloud call on the real platform.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudCode, WX_ERR_CODE, invalidParam, newRequestId, toCloudErrorBody } from '../errors';
import { invokeFunction, type Caller } from '../functions/invoke';
import { checkCloudPath } from '../storage/cloud-path';
import { fileListOf } from '../storage/file-list';
import type { Services } from '../services';
import { BodyTooLargeError, readBody } from './body';
import { sendJson } from './respond';

type Route = (
  services: Services,
  req: IncomingMessage,
  url: URL,
  requestId: string,
) => Promise<Buffer | object>;

const DEFAULT_APPID = 'wx0000000000emulator';

function callerOf(req: IncomingMessage): Caller & { openid: string } {
  const openid = req.headers['x-wx-openid'];
  if (typeof openid !== 'string' || openid === '')
    throw invalidParam('missing x-wx-openid header (the calling user)');
  const appid = req.headers['x-wx-appid'];
  const unionid = req.headers['x-wx-unionid'];
  return {
    openid,
    appid: typeof appid === 'string' && appid !== '' ? appid : DEFAULT_APPID,
    unionid: typeof unionid === 'string' && unionid !== '' ? unionid : undefined,
  };
}

async function jsonBody(services: Services, req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readBody(req, services.bodyLimitBytes);
  try {
    const body = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw invalidParam('request body must be a JSON object');
}

/** wx.cloud's per-file result: status 0 and errMsg 'ok', or the numeric errCode and the reason. */
function wxStatus(code: string, message?: string): { status: number; errMsg: string } {
  if (code === 'SUCCESS') return { status: 0, errMsg: 'ok' };
  return { status: WX_ERR_CODE[code as CloudCode] ?? WX_ERR_CODE.SYS_ERR, errMsg: message ?? code };
}

const ROUTES: Record<string, Route> = {
  '/client/uploadFile': async (services, req, url) => {
    const { openid } = callerOf(req);
    const cloudPath = checkCloudPath(url.searchParams.get('cloudPath') ?? '');
    await services.storage.write(cloudPath, await readBody(req, services.bodyLimitBytes), openid);
    return { fileID: services.storage.ids.of(cloudPath) };
  },
  '/client/callFunction': async (services, req, _url, requestId) => {
    const caller = callerOf(req);
    const body = await jsonBody(services, req);
    const response = await invokeFunction(services.functions, {
      name: body.name,
      event: body.data ?? {},
      caller,
      envId: services.envId,
      requestId,
    });
    return { result: JSON.parse(response) as unknown, requestId };
  },
  '/client/getTempFileURL': async (services, req) => {
    const { openid } = callerOf(req);
    const body = await jsonBody(services, req);
    const fileList = await Promise.all(
      fileListOf(body.fileList, 'fileList').map(async (item) => {
        const spec =
          typeof item === 'object' && item !== null
            ? (item as { fileID?: unknown; maxAge?: unknown })
            : { fileID: item };
        const result = await services.storage.tempUrl(spec.fileID, spec.maxAge ?? body.maxAge, openid);
        return {
          fileID: result.fileID,
          tempFileURL: result.tempFileURL,
          maxAge: result.maxAge,
          ...wxStatus(result.code, result.message),
        };
      }),
    );
    return { fileList };
  },
  '/client/downloadFile': async (services, req) => {
    const { openid } = callerOf(req);
    const body = await jsonBody(services, req);
    return services.storage.readForClient(body.fileID, openid);
  },
  '/client/deleteFile': async (services, req) => {
    const { openid } = callerOf(req);
    const body = await jsonBody(services, req);
    const fileList = [];
    for (const fileID of fileListOf(body.fileList, 'fileList')) {
      const result = await services.storage.remove(fileID, openid);
      fileList.push({ fileID: result.fileID, ...wxStatus(result.code, result.message) });
    }
    return { fileList };
  },
};

const HTTP_STATUS: Partial<Record<CloudCode, number>> = {
  INVALID_PARAM: 400,
  STORAGE_FILE_NONEXIST: 404,
  STORAGE_EXCEED_AUTHORITY: 403,
  FUNCTIONS_REQUEST_FAIL: 404,
  FUNCTION_NOT_FOUND: 404,
};

export function isClientRoute(pathname: string): boolean {
  return Object.prototype.hasOwnProperty.call(ROUTES, pathname);
}

export async function handleClient(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const requestId = newRequestId();
  try {
    if (req.method !== 'POST') throw invalidParam(`${url.pathname} takes POST`);
    const route = ROUTES[url.pathname];
    if (!route) throw invalidParam(`unknown client route ${url.pathname}`);
    const answer = await route(services, req, url, requestId);
    if (!Buffer.isBuffer(answer)) return sendJson(res, 200, answer);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': answer.length });
    res.end(answer);
  } catch (err) {
    const error = err instanceof BodyTooLargeError ? invalidParam(err.message) : err;
    const body = toCloudErrorBody(error, requestId);
    sendJson(res, HTTP_STATUS[body.code] ?? 500, {
      errCode: WX_ERR_CODE[body.code],
      errMsg: body.message,
      code: body.code,
      requestId,
    });
  }
}
