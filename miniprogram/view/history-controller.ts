import type {
  DeleteRecordingRequest,
  GetRecordingsRequest,
  GetRecordingsResponse,
  RecordingView,
} from '../../typings/functions';
import type { RecorderCore } from '../recorder/core';
import type { PlaybackSource } from '../recorder/playback';
import { RecorderError } from '../recorder/errors';
import { errorText, t, type StringKey } from '../strings';
import { groupTakes } from './take-row';
import { formatDateTime, formatDuration } from './format';
import { loadFailureView } from './load-failure';
import { pinnedCommentRows, seekInto, type PinnedCommentRow } from './pinned-comments';

export interface HistoryRow {
  recordingId: string;
  date: string;
  duration: string;
  segments: string;
  status: RecordingView['status'];
  statusText: string;
  /** The teacher's score ("92 分"), shown large once the recording is reviewed; '' before. */
  score: string;
  review: string;
  /** The teacher's comments pinned to moments, in time order; tapping one plays from there. */
  comments: PinnedCommentRow[];
  canPlay: boolean;
}

export interface HistoryViewData {
  labels: {
    title: string;
    empty: string;
    play: string;
    stopPlayback: string;
    loading: string;
    delete: string;
    loadFailed: string;
    tryAgain: string;
  };
  loading: boolean;
  rows: HistoryRow[];
  notice: string;
  /** The list did not load for a reason the network may fix: the retry button (pull-down works too). */
  canRetryLoad: boolean;
}

export function initialHistoryData(): HistoryViewData {
  return {
    labels: {
      title: t('historyTitle'),
      empty: t('empty'),
      play: t('play'),
      stopPlayback: t('stopPlayback'),
      loading: t('loading'),
      delete: t('delete'),
      loadFailed: t('loadFailed'),
      tryAgain: t('tryAgain'),
    },
    loading: true,
    rows: [],
    notice: '',
    canRetryLoad: false,
  };
}

function reviewed(view: RecordingView): RecordingView['review'] | undefined {
  return view.review?.status === 'reviewed' ? view.review : undefined;
}

function scoreText(view: RecordingView): string {
  const score = reviewed(view)?.score;
  return score === undefined || score === null ? '' : t('score', { score });
}

function reviewText(view: RecordingView): string {
  const comment = reviewed(view)?.comment;
  return comment ? t('reviewed', { comment }) : '';
}

function historyRow(view: RecordingView): HistoryRow {
  return {
    recordingId: view._id,
    date: formatDateTime(view.createdAt),
    duration: formatDuration(view.durationMs),
    // Takes, not uploads: automatic cuts are invisible to the student.
    segments: t('segmentCount', { n: groupTakes(view.segments).length || view.segmentCount }),
    status: view.status,
    statusText: t(`recording.${view.status}` as StringKey),
    score: scoreText(view),
    review: reviewText(view),
    comments: pinnedCommentRows(view),
    canPlay: Boolean(view.fullMp3Url) || view.segments.some((s) => s.mp3Url),
  };
}

/** The history page's logic: the student's own recordings from `getRecordings`, with playback. */
export class HistoryController {
  private views: RecordingView[] = [];

  constructor(
    private readonly core: RecorderCore,
    private readonly render: (patch: Partial<HistoryViewData>) => void,
  ) {}

  async load(): Promise<void> {
    this.render({ loading: true, notice: '', canRetryLoad: false });
    try {
      const request: GetRecordingsRequest = {};
      const response = await this.core.call<GetRecordingsResponse>('getRecordings', request);
      this.views = [...response.recordings].sort((a, b) => +new Date(b.createdAt) - +new Date(a.createdAt));
      this.render({ loading: false, rows: this.views.map(historyRow) });
    } catch (err) {
      this.render({ loading: false, ...loadFailureView(err) });
    }
  }

  async play(recordingId: string): Promise<void> {
    try {
      this.core.player.play(await this.sources(recordingId));
    } catch (err) {
      this.render({ notice: errorText(err) });
    }
  }

  /** Plays the recording from a pinned comment's moment. */
  async playFrom(recordingId: string, atMs: number): Promise<void> {
    try {
      const view = this.views.find((v) => v._id === recordingId);
      const durations = [...(view?.segments ?? [])].sort((a, b) => a.seq - b.seq).map((s) => s.durationMs);
      const plan = seekInto(await this.sources(recordingId), durations, atMs);
      this.core.player.play(plan.sources, plan.startSec);
    } catch (err) {
      this.render({ notice: errorText(err) });
    }
  }

  stop(): void {
    this.core.player.stop();
  }

  /** The confirmation the page shows before `remove` (the page owns wx.showModal). */
  deleteQuestion(): { title: string; content: string; confirmText: string } {
    return { title: t('deleteTitle'), content: t('deleteConfirm'), confirmText: t('delete') };
  }

  /**
   * Deletes the recording everywhere (deleteRecording), then forgets it on the phone. Not while the phone
   * is still saving it: the upload queue would bring pieces of it back.
   */
  async remove(recordingId: string): Promise<boolean> {
    const entry = this.core.journal.get(recordingId);
    if (entry && entry.phase !== 'finalized') {
      this.render({ notice: t('deleteBusy') });
      return false;
    }
    try {
      this.core.player.stop();
      const request: DeleteRecordingRequest = { recordingId };
      await this.core.call('deleteRecording', request);
      if (entry) this.core.journal.remove(recordingId);
      this.views = this.views.filter((v) => v._id !== recordingId);
      this.render({ rows: this.views.map(historyRow), notice: t('deleted') });
      return true;
    } catch (err) {
      this.render({ notice: errorText(err) });
      return false;
    }
  }

  /** The full MP3; else, while the phone still has the audio, the local chain; else the segment MP3s. */
  private async sources(recordingId: string): Promise<PlaybackSource[]> {
    const view = this.views.find((v) => v._id === recordingId);
    if (view?.fullMp3Url) return [{ kind: 'remote', src: view.fullMp3Url }];
    const entry = this.core.journal.get(recordingId);
    if (entry) return this.core.playback.whole(entry);
    const urls = [...(view?.segments ?? [])]
      .sort((a, b) => a.seq - b.seq)
      .map((s) => s.mp3Url)
      .filter((src): src is string => Boolean(src));
    if (urls.length === 0) throw new RecorderError('NOT_FOUND', 'This recording has no audio yet');
    return urls.map((src) => ({ kind: 'remote', src }));
  }
}
