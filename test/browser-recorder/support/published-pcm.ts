/**
 * The PCM a finished browser recording landed as: its segment WAVs in storage, in order. The server
 * deletes its raw stream file once the recording is finished, so this is where "every byte, once" is checked.
 */
import { openStores, type CloudHandle } from '../../../pipeline/cloud-handle';
import { parseWav } from '../../../pipeline/audio/wav';
import { COLLECTIONS, type SegmentDoc } from '../../../typings/documents';

export async function publishedPcm(cloud: CloudHandle, recordingId: string): Promise<Buffer> {
  const { db, files } = openStores(cloud);
  const segments = await db.findAll<SegmentDoc>(
    COLLECTIONS.segments,
    { recordingId },
    { orderBy: [['seq', 'asc']] },
  );
  const parts: Buffer[] = [];
  for (const segment of segments) {
    const { samples } = parseWav(await files.download(segment.sourceFileID));
    parts.push(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  }
  return Buffer.concat(parts);
}
