/**
 * Streams a stored file to the client through this server. The browser never needs storage CORS or
 * credentials, access stays checked by our routes, and the bytes are piped, never buffered whole.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ErrorCode, fail } from '../../../typings/errors';
import type { FileStore } from '../../../pipeline/store/types';
import contentDisposition from 'content-disposition';

const PASSED_HEADERS = ['content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'];

async function temporaryUrl(files: FileStore, fileID: string): Promise<string> {
  const [entry] = await files.tempUrls([fileID], 600);
  if (!entry?.url) throw new AppError(ErrorCode.NOT_FOUND, `file not found: ${fileID}`);
  return entry.url;
}

/**
 * Opens the stored file (optionally a byte range). With a range, storage may answer 416 (the range starts
 * past the end); that answer is returned, not thrown, so a player can learn the size from Content-Range.
 */
export async function openStoredFile(
  files: FileStore,
  fileID: string,
  options: { range?: string } = {},
): Promise<Response> {
  const url = await temporaryUrl(files, fileID);
  const res = await fetch(url, {
    headers: options.range ? { range: options.range } : {},
  });
  if (res.status === 404) throw new AppError(ErrorCode.NOT_FOUND, `file not found: ${fileID}`);
  if (res.status === 416 && options.range) return res;
  if (!res.ok || !res.body)
    throw new AppError(ErrorCode.UNAVAILABLE, `storage answered ${res.status} for ${fileID}`);
  return res;
}

export function toNodeStream(res: Response): Readable {
  return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
}

export interface StreamOptions {
  contentType: string;
  /** When set, the browser saves the file under this name instead of playing it. */
  downloadName?: string;
}

/** Storage's 416 as our envelope, keeping Content-Range (`bytes *` and the size) for the player. */
async function sendUnsatisfiable(res: Response, req: FastifyRequest, reply: FastifyReply) {
  await res.body?.cancel();
  const contentRange = res.headers.get('content-range');
  if (contentRange) void reply.header('content-range', contentRange);
  const error = new AppError(ErrorCode.INVALID_ARGUMENT, `range not satisfiable: ${req.headers.range}`);
  return reply.status(416).send(fail(error.toBody()));
}

export async function sendStoredFile(
  files: FileStore,
  fileID: string,
  req: FastifyRequest,
  reply: FastifyReply,
  options: StreamOptions,
): Promise<FastifyReply> {
  const res = await openStoredFile(files, fileID, { range: req.headers.range });
  if (res.status === 416) return sendUnsatisfiable(res, req, reply);
  for (const name of PASSED_HEADERS) {
    const value = res.headers.get(name);
    if (value) void reply.header(name, value);
  }
  if (options.downloadName) {
    void reply.header('content-disposition', contentDisposition(options.downloadName));
  }
  return reply
    .status(res.status)
    .type(options.contentType)
    .header('cache-control', 'private, max-age=300')
    .send(toNodeStream(res));
}
