/**
 * Turning one landed segment WAV into its MP3 and chain piece, recording the server state as it goes.
 * Shared by ingestSegment (as segments land) and finalizeRecording (anything still missing).
 */
import { AppError, ErrorCode, toErrorBody } from '../../typings/errors';
import { COLLECTIONS, segmentDocId, type SegmentDoc } from '../../typings/documents';
import { segmentChainPath, segmentMp3Path } from '../../typings/paths';
import { prepareSegment } from '../audio/gapless';
import { frameCount, type PcmAudio } from '../audio/pcm';
import { parseWav } from '../audio/wav';
import { createLogger } from '../log';
import type { DocStore, Stores } from '../store/types';
import { markConverted, markConverting, markFailed, type SegmentIdentity } from './segment-state';

const log = createLogger('pipeline');

export interface ConvertedSegment {
  doc: SegmentDoc;
  chainFileID: string;
}

/** Downloads and validates the WAV; nothing is written when it is not acceptable audio. */
export async function loadSegmentAudio(
  stores: Stores,
  fileID: string,
): Promise<{ audio: PcmAudio; bytes: number }> {
  const wav = await stores.files.download(fileID);
  return { audio: parseWav(wav), bytes: wav.length };
}

/** Where segment `seq` starts on the recording's timeline, when every earlier segment is known. */
export async function startSampleOf(
  db: DocStore,
  recordingId: string,
  seq: number,
): Promise<number | undefined> {
  if (seq === 0) return 0;
  const earlier = await db.findAll<SegmentDoc>(COLLECTIONS.segments, { recordingId, seq: db.cmd.lt(seq) });
  const known = earlier.filter((s) => Number.isInteger(s.samples));
  if (known.length !== seq) return undefined;
  return known.reduce((sum, s) => sum + s.samples, 0);
}

export async function convertSegment(
  stores: Stores,
  id: SegmentIdentity,
  loaded: { audio: PcmAudio; bytes: number },
): Promise<ConvertedSegment> {
  const { db, files } = stores;
  const started = Date.now();
  const previous = await db.get<SegmentDoc>(COLLECTIONS.segments, segmentDocId(id.recordingId, id.seq));
  const samples = frameCount(loaded.audio);
  const durationMs = Math.round((samples * 1000) / loaded.audio.sampleRate);
  const doc = await markConverting(db, id, { durationMs, bytes: loaded.bytes, samples }, previous);
  try {
    const prepared = await prepareSegment(loaded.audio, await startSampleOf(db, id.recordingId, id.seq));
    const [mp3FileID, chainFileID] = await Promise.all([
      files.upload(segmentMp3Path(id.ownerId, id.recordingId, id.seq), prepared.standaloneMp3),
      files.upload(segmentChainPath(id.ownerId, id.recordingId, id.seq), prepared.pieceBytes),
    ]);
    const converted = await markConverted(db, doc, { mp3FileID });
    log.info('segment converted', {
      recordingId: id.recordingId,
      seq: id.seq,
      durationMs,
      ms: Date.now() - started,
    });
    return { doc: converted, chainFileID };
  } catch (err) {
    const error = toErrorBody(err);
    await markFailed(db, doc, error);
    log.warn('segment failed', {
      recordingId: id.recordingId,
      seq: id.seq,
      code: error.code,
      message: error.message,
    });
    throw err instanceof AppError ? err : new AppError(ErrorCode.INTERNAL, error.message);
  }
}
