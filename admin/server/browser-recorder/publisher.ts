/**
 * Sends a browser recording through the same pipeline as Mini Program recordings: each sealed segment is
 * uploaded as WAV and ingested (MP3 per segment, segment document); the end is finalized into one gapless
 * MP3, and a video is remuxed to a seekable WebM stored next to it and referenced from the recording.
 */
import { readFile, rm } from 'node:fs/promises';
import { finalizeRecording, ingestSegment } from '../../../pipeline';
import { encodeWav } from '../../../pipeline/audio/wav';
import { openStores, type CloudHandle } from '../../../pipeline/cloud-handle';
import { createLogger } from '../../../pipeline/log';
import { videoWebmPath, type RecordingFinished } from '../../../typings/browser-recorder';
import { COLLECTIONS } from '../../../typings/documents';
import { segmentWavPath } from '../../../typings/paths';
import type { RecordingMeta, SealedSegment } from './recording-meta';
import { remuxWebm } from './webm-remux';

const log = createLogger('browser-recorder');

export interface PublishedSegment {
  durationMs: number;
  mp3FileID?: string;
}

export interface RecordingPublisher {
  publishSegment(meta: RecordingMeta, segment: SealedSegment, pcm: Buffer): Promise<PublishedSegment>;
  /** `videoPath` is the raw MediaRecorder WebM when the recording has video. */
  finish(meta: RecordingMeta, videoPath: string | undefined): Promise<RecordingFinished>;
}

export class PipelinePublisher implements RecordingPublisher {
  constructor(private readonly cloud: CloudHandle) {}

  async publishSegment(meta: RecordingMeta, segment: SealedSegment, pcm: Buffer): Promise<PublishedSegment> {
    // Copied into an aligned buffer: the file read may start at any byte offset.
    const samples = new Int16Array(new Uint8Array(pcm).buffer);
    const wav = encodeWav({ sampleRate: meta.sampleRate, channels: meta.channels as 1 | 2, samples });
    const cloudPath = segmentWavPath(meta.ownerId, meta.recordingId, segment.seq);
    const fileID = await openStores(this.cloud).files.upload(cloudPath, wav);
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
        ...(meta.assignmentId ? { assignmentId: meta.assignmentId } : {}),
      },
      { source: 'browser' },
    );
    return { durationMs: result.durationMs, mp3FileID: result.mp3FileID };
  }

  async finish(meta: RecordingMeta, videoPath: string | undefined): Promise<RecordingFinished> {
    const segmentCount = meta.segments.length;
    if (segmentCount === 0)
      return { recordingId: meta.recordingId, status: 'empty', durationMs: 0, segmentCount };
    // The video is attached before finalizing so the recording is never "ready" without it.
    // A video that cannot be remuxed must not cost the audio: the raw WebM stays on disk and is reported.
    const videoFileID = videoPath
      ? await this.publishVideo(meta, videoPath).catch((err: unknown) => {
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
      ...(done.fullMp3FileID ? { fullMp3FileID: done.fullMp3FileID } : {}),
      ...(videoFileID ? { videoFileID } : {}),
    };
  }

  private async publishVideo(meta: RecordingMeta, rawPath: string): Promise<string> {
    const seekablePath = rawPath.replace(/\.webm$/, '.seekable.webm');
    await remuxWebm(rawPath, seekablePath);
    try {
      const { db, files } = openStores(this.cloud);
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
      await rm(seekablePath, { force: true });
    }
  }
}
