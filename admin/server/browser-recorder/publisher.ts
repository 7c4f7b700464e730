/**
 * Sends a browser recording through the same pipeline as Mini Program recordings: each sealed segment is
 * uploaded as WAV and ingested (MP3 per segment, segment document, its `cut`); the video stream goes up in
 * parts at the same seals; the end is finalized into one gapless MP3, and the video parts are joined,
 * remuxed to a seekable WebM stored next to it and referenced from the recording, then deleted.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finalizeRecording, ingestSegment } from '../../../pipeline';
import { deleteLateArrivals } from '../../../pipeline/recordings/delete-recording';
import { encodeWav } from '../../../pipeline/audio/wav';
import { openStores, type CloudHandle } from '../../../pipeline/cloud-handle';
import { createLogger } from '../../../pipeline/log';
import {
  videoPartPath,
  videoWebmPath,
  type BrowserRecordingFields,
  type RecordingFinished,
} from '../../../typings/browser-recorder';
import { COLLECTIONS, endsTake, type RecordingDoc } from '../../../typings/documents';
import { segmentWavPath } from '../../../typings/paths';
import type { RecordingMeta, SealedSegment, VideoPart } from './recording-meta';
import { remuxWebm } from './webm-remux';

const log = createLogger('browser-recorder');

export interface PublishedSegment {
  durationMs: number;
  mp3FileID?: string;
}

export interface RecordingPublisher {
  /** Idempotent by seq: the same segment again overwrites the same WAV and finds it ingested. */
  publishSegment(meta: RecordingMeta, segment: SealedSegment, pcm: Buffer): Promise<PublishedSegment>;
  /** Uploads one part of the raw video stream (the same part again overwrites it); resolves its fileID. */
  storeVideoPart(meta: RecordingMeta, part: VideoPart, bytes: Buffer): Promise<string>;
  /** Joins the video parts (if any), finalizes; safe to run again after a kill half-way. */
  finish(meta: RecordingMeta): Promise<RecordingFinished>;
  /** The recording was deleted meanwhile: removes whatever of it was stored after the delete. */
  discard(meta: RecordingMeta): Promise<void>;
}

/** Takes: the stretches between real pauses (auto cuts continue a take). */
export function takeCount(segments: readonly SealedSegment[]): number {
  return segments.filter((segment, i) => endsTake(segment.cut) || i === segments.length - 1).length;
}

export class PipelinePublisher implements RecordingPublisher {
  /** A fileID this publisher stored: every file of every recording lives in the same env and bucket. */
  private knownFileID: string | undefined;

  constructor(
    private readonly cloud: CloudHandle,
    /** Where the joined video is put together before it is remuxed. */
    private readonly scratchDir: string,
  ) {}

  async publishSegment(meta: RecordingMeta, segment: SealedSegment, pcm: Buffer): Promise<PublishedSegment> {
    // Copied into an aligned buffer: the file read may start at any byte offset.
    const samples = new Int16Array(new Uint8Array(pcm).buffer);
    const wav = encodeWav({ sampleRate: meta.sampleRate, channels: meta.channels as 1 | 2, samples });
    const cloudPath = segmentWavPath(meta.ownerId, meta.recordingId, segment.seq);
    const fileID = await openStores(this.cloud).files.upload(cloudPath, wav);
    this.knownFileID = fileID;
    const durationMs = Math.round((pcm.length / (2 * meta.channels * meta.sampleRate)) * 1000);
    const result = await ingestSegment(
      this.cloud,
      meta.ownerId,
      {
        recordingId: meta.recordingId,
        seq: segment.seq,
        fileID,
        durationMs,
        sampleRate: meta.sampleRate,
        channels: meta.channels,
        cut: segment.cut,
        ...(meta.assignmentId ? { assignmentId: meta.assignmentId } : {}),
      },
      { source: 'browser' },
    );
    return { durationMs: result.durationMs, mp3FileID: result.mp3FileID };
  }

  async storeVideoPart(meta: RecordingMeta, part: VideoPart, bytes: Buffer): Promise<string> {
    const fileID = await openStores(this.cloud).files.upload(
      videoPartPath(meta.ownerId, meta.recordingId, part.part),
      bytes,
    );
    this.knownFileID = fileID;
    return fileID;
  }

  async discard(meta: RecordingMeta): Promise<void> {
    const known = this.knownFileID ?? meta.videoParts.find((part) => part.fileID)?.fileID;
    await deleteLateArrivals(
      openStores(this.cloud),
      { ownerId: meta.ownerId, recordingId: meta.recordingId, knownFileID: known },
      { seqCount: meta.segments.length, videoPartCount: meta.videoParts.length },
    );
  }

  async finish(meta: RecordingMeta): Promise<RecordingFinished> {
    const segmentCount = meta.segments.length;
    if (segmentCount === 0)
      return { recordingId: meta.recordingId, status: 'empty', durationMs: 0, segmentCount, takeCount: 0 };
    // The video is attached before finalizing so the recording is never "ready" without it.
    // A video that cannot be remuxed must not cost the audio: its parts stay in storage and it is reported.
    const videoFileID =
      meta.videoParts.length > 0
        ? await this.publishVideo(meta).catch((err: unknown) => {
            log.error('video not published', { recordingId: meta.recordingId, err: (err as Error).message });
            return undefined;
          })
        : undefined;
    const done = await finalizeRecording(this.cloud, meta.ownerId, {
      recordingId: meta.recordingId,
      segmentCount,
    });
    return {
      recordingId: meta.recordingId,
      status: done.status,
      durationMs: done.durationMs,
      segmentCount,
      takeCount: takeCount(meta.segments),
      ...(done.fullMp3FileID ? { fullMp3FileID: done.fullMp3FileID } : {}),
      ...(videoFileID ? { videoFileID } : {}),
    };
  }

  /** Joined from its parts in storage, so any instance can do it; a finish run again finds it done. */
  private async publishVideo(meta: RecordingMeta): Promise<string> {
    const { db, files } = openStores(this.cloud);
    const partIDs = meta.videoParts.map((part) => part.fileID ?? '').filter((id) => id !== '');
    const doc = await db.get<RecordingDoc & BrowserRecordingFields>(COLLECTIONS.recordings, meta.recordingId);
    const fileID = doc?.videoFileID ?? (await this.joinAndUpload(meta, partIDs));
    await files
      .remove(partIDs)
      .catch((err: unknown) =>
        log.warn('video parts not deleted', { recordingId: meta.recordingId, err: (err as Error).message }),
      );
    return fileID;
  }

  private async joinAndUpload(meta: RecordingMeta, partIDs: string[]): Promise<string> {
    const { db, files } = openStores(this.cloud);
    const rawPath = path.join(this.scratchDir, `${meta.recordingId}.joined.webm`);
    const seekablePath = path.join(this.scratchDir, `${meta.recordingId}.seekable.webm`);
    try {
      const parts: Buffer[] = [];
      for (const id of partIDs) parts.push(await files.download(id));
      await writeFile(rawPath, Buffer.concat(parts));
      await remuxWebm(rawPath, seekablePath);
      const fileID = await files.upload(
        videoWebmPath(meta.ownerId, meta.recordingId),
        await readFile(seekablePath),
      );
      await db.update(COLLECTIONS.recordings, meta.recordingId, {
        videoFileID: fileID,
        updatedAt: new Date(),
      });
      return fileID;
    } finally {
      await rm(rawPath, { force: true });
      await rm(seekablePath, { force: true });
    }
  }
}
