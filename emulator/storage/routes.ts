/** The object-storage side: PUT of uploaded bytes and GET/HEAD (with Range) of temporary URLs, COS-style. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudError, newRequestId } from '../errors';
import { BodyTooLargeError, readBody } from '../http/body';
import { sendXmlError } from '../http/respond';
import { checkCloudPath } from './cloud-path';
import { sendRangedFile } from './ranged-download';
import type { Storage } from './storage';
import type { UrlPurpose } from './signer';

function pathFrom(url: URL, prefix: string): string {
  const encoded = url.pathname.slice(prefix.length);
  return checkCloudPath(
    encoded
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/'),
  );
}

/** Checks the URL's signature; answers the COS error itself and returns undefined when refused. */
function authorized(
  storage: Storage,
  purpose: UrlPurpose,
  url: URL,
  prefix: string,
  res: ServerResponse,
): string | undefined {
  const requestId = newRequestId();
  let cloudPath: string;
  try {
    cloudPath = pathFrom(url, prefix);
  } catch (err) {
    sendXmlError(res, 400, 'InvalidURI', (err as Error).message, requestId);
    return undefined;
  }
  const verdict = storage.signer.verify(purpose, cloudPath, url.searchParams);
  if (verdict === 'ok') return cloudPath;
  const message = verdict === 'expired' ? 'Request has expired' : 'The request signature does not match';
  sendXmlError(
    res,
    403,
    verdict === 'expired' ? 'AccessDenied' : 'SignatureDoesNotMatch',
    message,
    requestId,
  );
  return undefined;
}

export async function handleUpload(
  storage: Storage,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  limit: number,
): Promise<void> {
  const cloudPath = authorized(storage, 'upload', url, '/tcb-upload/', res);
  if (cloudPath === undefined) {
    req.resume();
    return;
  }
  try {
    const data = await readBody(req, limit);
    await storage.write(cloudPath, data);
    res.writeHead(200, { 'content-length': 0 });
    res.end();
  } catch (err) {
    const status = err instanceof BodyTooLargeError ? 413 : err instanceof CloudError ? 400 : 500;
    sendXmlError(
      res,
      status,
      status === 413 ? 'EntityTooLarge' : 'InvalidRequest',
      (err as Error).message,
      newRequestId(),
    );
  }
}

export async function handleDownload(
  storage: Storage,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const cloudPath = authorized(storage, 'download', url, '/tcb-files/', res);
  if (cloudPath === undefined) return;
  const file = await storage.files.openForRead(cloudPath);
  if (!file) {
    sendXmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', newRequestId());
    return;
  }
  await sendRangedFile(req, res, cloudPath, file);
}
