/**
 * What a finished browser recording plays: its full MP3, decoded and lined up against the PCM the page
 * captured. The server deletes its raw stream file once the recording is finished, and a ready
 * recording keeps no source WAVs (storage cleanup), so the MP3 is where "every byte, once" is checked:
 * the same length within one MP3 frame and the same audio at the same place.
 */
import { alignWindow, decodeMp3, monoFloat } from '../../../harness/audio-analysis';
import { openStores, type CloudHandle } from '../../../pipeline/cloud-handle';
import { COLLECTIONS, type RecordingDoc } from '../../../typings/documents';

const MP3_FRAME_16K = 576;

export async function expectRecordingPlays(
  cloud: CloudHandle,
  recordingId: string,
  sent: Buffer,
  sampleRate = 16000,
): Promise<void> {
  const { db, files } = openStores(cloud);
  const doc = await db.get<RecordingDoc>(COLLECTIONS.recordings, recordingId);
  expect(doc?.fullMp3FileID).toBeDefined();
  const decoded = await decodeMp3(await files.download(doc!.fullMp3FileID!));
  const captured = new Int16Array(sent.buffer.slice(sent.byteOffset, sent.byteOffset + sent.byteLength));
  expect(Math.abs(decoded.samples.length - captured.length)).toBeLessThanOrEqual(MP3_FRAME_16K);
  const source = monoFloat({ sampleRate, channels: 1, samples: captured });
  const middle = Math.floor(captured.length / 2);
  const alignment = alignWindow(monoFloat(decoded), source, middle, Math.min(8000, middle), MP3_FRAME_16K);
  expect(alignment.correlation).toBeGreaterThan(0.9);
  expect(Math.abs(alignment.lag)).toBeLessThanOrEqual(2);
}
