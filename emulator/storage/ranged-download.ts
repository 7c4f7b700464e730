/**
 * Answers a temporary-URL GET or HEAD from an open file: whole (200) or one byte range (206), streamed
 * from disk. Browsers seek a <video> or <audio> with Range requests, so COS supports them and so do we.
 */
import type { FileHandle } from 'node:fs/promises';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { newRequestId } from '../errors';
import { contentTypeOf, sendXmlError } from '../http/respond';
import { contentRange, parseRange, type ByteRange } from './byte-range';

export interface OpenFile {
  handle: FileHandle;
  size: number;
}

function headersFor(cloudPath: string, size: number, range?: ByteRange): OutgoingHttpHeaders {
  const length = range ? range.end - range.start + 1 : size;
  return {
    'content-type': contentTypeOf(cloudPath),
    'content-length': length,
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': contentRange(size, range) } : {}),
  };
}

async function streamBytes(file: OpenFile, res: ServerResponse, range?: ByteRange): Promise<void> {
  // autoClose (the default) closes the handle when the stream ends or is destroyed.
  const source = file.handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  try {
    await pipeline(source, res);
  } catch (err) {
    // A player that seeks drops the connection mid-answer all the time; that is not a server fault.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  }
}

export async function sendRangedFile(
  req: IncomingMessage,
  res: ServerResponse,
  cloudPath: string,
  file: OpenFile,
): Promise<void> {
  const answer = parseRange(req.headers.range, file.size);
  if (answer.kind === 'unsatisfiable' || req.method === 'HEAD') await file.handle.close();
  if (answer.kind === 'unsatisfiable') {
    res.setHeader('accept-ranges', 'bytes');
    res.setHeader('content-range', contentRange(file.size));
    sendXmlError(res, 416, 'InvalidRange', 'The requested range is not satisfiable', newRequestId());
    return;
  }
  const range = answer.kind === 'partial' ? answer.range : undefined;
  res.writeHead(range ? 206 : 200, headersFor(cloudPath, file.size, range));
  if (req.method === 'HEAD') res.end();
  else await streamBytes(file, res, range);
}
