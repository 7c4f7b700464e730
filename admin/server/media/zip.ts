/**
 * Streams every finished recording of one assignment as a zip. Entries are fetched one at a time and
 * piped through archiver into the response, so memory stays flat whatever the number of recordings.
 * A file that cannot be read is listed in MISSING.txt instead of silently left out.
 */
import { safeFileName } from './safe-name';
import { once } from 'node:events';
import { ZipArchive } from 'archiver';
import type { FastifyReply } from 'fastify';
import type { RecordingDoc } from '../../../typings/documents';
import type { Stores } from '../../../pipeline/store/types';
import contentDisposition from 'content-disposition';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { studentsById } from '../store/students';
import { openStoredFile, toNodeStream } from './storage-stream';

const BATCH = 100;

function recordingBatch(stores: Stores, assignmentId: string, skip: number): Promise<RecordingDoc[]> {
  return stores.db.find<RecordingDoc>(
    ADMIN_COLLECTIONS.recordings,
    { assignmentId, fullMp3FileID: stores.db.cmd.exists(true) },
    { orderBy: [['createdAt', 'asc']], skip, limit: BATCH },
  );
}

async function appendRecording(
  archive: ZipArchive,
  stores: Stores,
  recording: RecordingDoc,
  name: string,
  signal: AbortSignal,
) {
  const source = toNodeStream(await openStoredFile(stores.files, recording.fullMp3FileID as string));
  // On abort the source is destroyed without an error: nobody listens to it once the archive is gone.
  const stopSource = () => source.destroy();
  if (signal.aborted) stopSource();
  signal.throwIfAborted();
  signal.addEventListener('abort', stopSource, { once: true });
  try {
    const entryDone = once(archive, 'entry', { signal });
    // MP3 is already compressed: store it, which also keeps CPU low.
    archive.append(source, { name, date: new Date(recording.createdAt), store: true });
    await entryDone;
  } finally {
    signal.removeEventListener('abort', stopSource);
  }
}

async function feed(archive: ZipArchive, stores: Stores, assignmentId: string, signal: AbortSignal) {
  const missing: string[] = [];
  for (let skip = 0; !signal.aborted; skip += BATCH) {
    const batch = await recordingBatch(stores, assignmentId, skip);
    const students = await studentsById(
      stores.db,
      batch.map((r) => r._openid),
    );
    for (const recording of batch) {
      const who = safeFileName(students.get(recording._openid)?.name ?? recording._openid);
      const name = `${who}/${recording._id}.mp3`;
      await appendRecording(archive, stores, recording, name, signal).catch((err: Error) => {
        if (signal.aborted) throw err;
        missing.push(`${name}: ${err.message}`);
      });
    }
    if (batch.length < BATCH) break;
  }
  signal.throwIfAborted();
  if (missing.length) archive.append(missing.join('\n') + '\n', { name: 'MISSING.txt' });
  await archive.finalize();
}

export function sendAssignmentZip(
  stores: Stores,
  assignmentId: string,
  fileName: string,
  reply: FastifyReply,
) {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  // A client that goes away mid-download must not leave the feed waiting on a stream nobody reads.
  const stop = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) stop.abort();
  });
  feed(archive, stores, assignmentId, stop.signal).catch((err: Error) => {
    if (!stop.signal.aborted) reply.log.error({ err }, 'zip stream failed');
    archive.destroy(err);
  });
  return reply
    .type('application/zip')
    .header('content-disposition', contentDisposition(`${safeFileName(fileName)}.zip`))
    .send(archive);
}
