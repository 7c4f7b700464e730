import type { GetPlaybackUrlsResponse } from '../../typings/functions';
import { callEnvelope } from './cloud-api';
import { RecorderError } from './errors';
import type { RecordingEntry, SegmentEntry } from './journal-types';
import type { AudioPort, CloudPort } from './port';
import type { SegmentFiles } from './segment-files';

export interface PlaybackSource {
  /** `local` while the phone still has the audio; `remote` once only the server's MP3 is left. */
  kind: 'local' | 'remote';
  src: string;
}

/**
 * The playback source chain: the local file while it exists, else the server's MP3 through a temporary
 * URL. The whole recording prefers the gapless full MP3 and falls back to its segments in order.
 * URLs come from the `getPlaybackUrls` function: the server wrote those MP3s, and under the owner-only
 * storage rule the student's client may not sign them itself (wx.cloud.getTempFileURL answers -503002).
 */
export class PlaybackResolver {
  constructor(
    private readonly files: SegmentFiles,
    private readonly cloud: CloudPort,
  ) {}

  async segment(
    recordingId: string,
    segment: Pick<SegmentEntry, 'seq' | 'localFile' | 'server'>,
  ): Promise<PlaybackSource> {
    if (segment.localFile && this.files.exists(segment.localFile))
      return { kind: 'local', src: segment.localFile };
    if (segment.server !== 'converted')
      throw new RecorderError('NOT_FOUND', `Segment ${segment.seq} has no audio to play yet`);
    const urls = await this.signed(recordingId, [segment.seq]);
    return { kind: 'remote', src: required(urls.segments.find((s) => s.seq === segment.seq)?.mp3Url) };
  }

  async whole(entry: RecordingEntry): Promise<PlaybackSource[]> {
    if (entry.finalize.result?.fullMp3FileID) {
      const urls = await this.signed(entry.recordingId);
      return [{ kind: 'remote', src: required(urls.fullMp3Url) }];
    }
    if (entry.segments.length === 0) throw new RecorderError('NOT_FOUND', 'This recording has no audio yet');
    return Promise.all(entry.segments.map((segment) => this.segment(entry.recordingId, segment)));
  }

  private signed(recordingId: string, seqs?: number[]): Promise<GetPlaybackUrlsResponse> {
    return callEnvelope<GetPlaybackUrlsResponse>(
      this.cloud,
      'getPlaybackUrls',
      seqs ? { recordingId, seqs } : { recordingId },
    );
  }
}

function required(url: string | undefined): string {
  if (!url) throw new RecorderError('UNAVAILABLE', 'The server could not give a link to this audio', true);
  return url;
}

/** Plays sources one after another: a recording without a full MP3 plays as its segments in order. */
export class Player {
  private queue: string[] = [];

  constructor(private readonly audio: AudioPort) {}

  /** Plays the sources in order, the first from `startSec` (a pinned comment's moment). */
  play(sources: PlaybackSource[], startSec = 0): void {
    this.audio.stop();
    this.queue = sources.map((source) => source.src);
    this.next(startSec);
  }

  stop(): void {
    this.queue = [];
    this.audio.stop();
  }

  private next(startSec = 0): void {
    const src = this.queue.shift();
    if (src !== undefined) this.audio.play(src, () => this.next(), startSec);
  }
}
