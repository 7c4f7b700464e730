/**
 * Streams every finished recording of one assignment as a zip. Entries are fetched one at a time and
 * piped through archiver into the response, so memory stays flat whatever the number of recordings.
 * A file that cannot be read is listed in MISSING.txt instead of silently left out.
 */
import { once } from 'node:events';
import { ZipArchive } from 'archiver';
import type { FastifyReply } from 'fastify';
import type { RecordingDoc } from '../../../typings/documents';
import type { Stores } from '../../../pipeline/store/types';
import { attachment } from '../http/content-disposition';
import { ADMIN_COLLECTIONS } from '../store/collections';
import { studentsById } from '../store/students';
import { openStoredFile, toNodeStream } from './storage-stream';

const BATCH = 100;

const UNSAFE_IN_FILE_NAMES = '\\/:*?"<>|';

/** A name every zip tool and file system accepts: no path separators, reserved or control characters. */
export function safeFileName(text: string): string {
  const safe = [...text].map((c) => (c < ' ' || UNSAFE_IN_FILE_NAMES.includes(c) ? '_' : c)).join('');
  return safe.slice(0, 60) || '_';
}

function recordingBatch(stores: Stores, assignmentId: string, skip: number): Promise<RecordingDoc[]> {
  return stores.db.find<RecordingDoc>(
    ADMIN_COLLECTIONS.recordings,
    { assignmentId, fullMp3FileID: stores.db.cmd.exists(true) },
    { orderBy: [['createdAt', 'asc']], skip, limit: BATCH },
  );
}

async function appendRecording(archive: ZipArchive, stores: Stores, recording: RecordingDoc, name: string) {
  const res = await openStoredFile(stores.files, recording.fullMp3FileID as string);
  const entryDone = once(archive, 'entry');
  // MP3 is already compressed: store it, which also keeps CPU low.
  archive.append(toNodeStream(res), { name, date: new Date(recording.createdAt), store: true });
  await entryDone;
}

async function feed(archive: ZipArchive, stores: Stores, assignmentId: string): Promise<void> {
  const missing: string[] = [];
  for (let skip = 0; ; skip += BATCH) {
    const batch = await recordingBatch(stores, assignmentId, skip);
    const students = await studentsById(
      stores.db,
      batch.map((r) => r._openid),
    );
    for (const recording of batch) {
      const who = safeFileName(students.get(recording._openid)?.name ?? recording._openid);
      const name = `${who}/${recording._id}.mp3`;
      await appendRecording(archive, stores, recording, name).catch((err: Error) => {
        missing.push(`${name}: ${err.message}`);
      });
    }
    if (batch.length < BATCH) break;
  }
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
  feed(archive, stores, assignmentId).catch((err: Error) => {
    reply.log.error({ err }, 'zip stream failed');
    archive.destroy(err);
  });
  return reply
    .type('application/zip')
    .header('content-disposition', attachment(`${safeFileName(fileName)}.zip`))
    .send(archive);
}
