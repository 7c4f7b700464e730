import { RecorderError } from '../../miniprogram/recorder/errors';
import type { RecordingEntry, SegmentEntry } from '../../miniprogram/recorder/journal-types';
import { errorText, localeFor, setLocale, t } from '../../miniprogram/strings';
import { formatDuration } from '../../miniprogram/view/format';
import { recordingOutcome } from '../../miniprogram/view/recording-outcome';
import { segmentRow } from '../../miniprogram/view/segment-row';
import { groupTakes, takeRows } from '../../miniprogram/view/take-row';

const base: SegmentEntry = {
  seq: 0,
  local: 'sealed',
  upload: 'pending',
  server: 'pending',
  durationMs: 61_500,
  bytes: 0,
  attempts: 0,
};

afterEach(() => setLocale('zh'));

describe('view models', () => {
  it('walks a segment through recorded → uploading → uploaded → converting → MP3 ready', () => {
    const stages = [
      base,
      { ...base, upload: 'uploading' as const },
      { ...base, upload: 'uploaded' as const },
      { ...base, upload: 'uploaded' as const, server: 'converting' as const },
      { ...base, upload: 'uploaded' as const, server: 'converted' as const },
    ].map((segment) => segmentRow(segment).stageText);
    expect(stages).toEqual(['已存在手机上，等待上传', '上传中', '已上传', '转换中', 'MP3 已就绪']);
  });

  it('offers the retry button only for a failure no automatic retry will fix', () => {
    const error = { code: 'BAD_AUDIO' as const, message: 'not a WAV', retryable: false };
    const waiting = segmentRow({ ...base, server: 'failed', lastError: error, nextAttemptAt: 5 });
    const blocked = segmentRow({ ...base, server: 'failed', lastError: error });
    expect([waiting.stage, waiting.canRetry]).toEqual(['retrying', false]);
    expect([blocked.stage, blocked.canRetry, blocked.error]).toEqual(['failed', true, 'not a WAV']);
  });

  it('names the missing segments of a partial recording, counting from 1', () => {
    const entry = {
      phase: 'finalized',
      finalize: {
        attempts: 1,
        result: { recordingId: 'r', status: 'partial', durationMs: 0, missingSeqs: [1, 3] },
      },
    } as unknown as RecordingEntry;
    expect(recordingOutcome(entry)).toBe('录音不完整，缺少第 2, 4 段');
  });

  it('tells a busy microphone apart from other refusals', () => {
    expect(errorText(new RecorderError('CONFLICT', 'x', false, 'busy'))).toBe('已有录音正在进行，请先结束它');
    expect(errorText(new RecorderError('CONFLICT', 'Cannot pause while idle'))).toBe(
      '现在不能这样操作：Cannot pause while idle',
    );
  });

  it('asks the student to tap again after a tap failed for lack of network, promising no automatic retry', () => {
    // Taps (save, play, delete, settings) are not retried by the app: the student's next tap is the retry.
    const offline = new RecorderError('UNAVAILABLE', 'request:fail', true);
    expect(errorText(offline)).toBe('没有连上网。连上网后，再点一次。');
    setLocale('en');
    expect(errorText(offline)).toBe('No internet connection. When you are online, tap it again.');
  });

  it('speaks English only to phones set to English', () => {
    expect([localeFor('zh_CN'), localeFor('en_US'), localeFor(undefined)]).toEqual(['zh', 'en', 'zh']);
    setLocale('en');
    expect(t('segment', { n: 2 })).toBe('Segment 2');
  });

  it('shows durations as mm:ss', () => {
    expect([formatDuration(0), formatDuration(61_500), formatDuration(600_000)]).toEqual([
      '00:00',
      '01:01',
      '10:00',
    ]);
  });
});

describe('takes', () => {
  const seg = (seq: number, cut: SegmentEntry['cut'], extra: Partial<SegmentEntry> = {}): SegmentEntry => ({
    ...base,
    seq,
    durationMs: 30_000,
    cut,
    upload: 'uploaded',
    server: 'converted',
    mp3FileID: `cloud://env/${seq}.mp3`,
    ...extra,
  });

  it('groups segments into takes that end only at the student’s pauses, calls, hides and stop', () => {
    const cuts: Array<SegmentEntry['cut']> = ['auto', 'auto', 'pause', 'call', 'auto', 'cap', 'hide', 'stop'];
    const takes = groupTakes(cuts.map((cut, seq) => seg(seq, cut)));
    expect(takes.map((take) => take.map((s) => s.seq))).toEqual([[0, 1, 2], [3], [4, 5, 6], [7]]);
  });

  it('shows one row per take with its summed duration, numbered from 1, the open take still recording', () => {
    const rows = takeRows([
      seg(0, 'auto'),
      seg(1, 'pause', { durationMs: 5_000 }),
      seg(2, 'auto'),
      seg(3, undefined, { local: 'writing', upload: 'pending', server: 'pending', mp3FileID: undefined }),
    ]);
    expect(rows.map((r) => [r.seq, r.title, r.duration, r.stage, r.canPlay])).toEqual([
      [0, '第 1 段', formatDuration(35_000), 'ready', true],
      [2, '第 2 段', formatDuration(60_000), 'recording', false],
    ]);
  });

  it('shows a take at its least advanced segment, with the retry button when one part is blocked', () => {
    const error = { code: 'BAD_AUDIO' as const, message: 'not a WAV', retryable: false };
    const [row] = takeRows([
      seg(0, 'auto'),
      seg(1, 'auto', { server: 'failed', lastError: error, mp3FileID: undefined, localFile: 'x.wav' }),
      seg(2, 'pause', { server: 'converting', mp3FileID: undefined, localFile: 'y.wav' }),
    ]);
    expect(row).toMatchObject({ stage: 'failed', canRetry: true, error: 'not a WAV', canPlay: true });
  });
});
