import type { SegmentEntry } from '../recorder/journal-types';
import { t, type StringKey } from '../strings';
import { formatDuration } from './format';

/** What the student sees for one segment, on the path recorded → uploading → uploaded → converting → MP3 ready. */
export type SegmentStage =
  'recording' | 'recorded' | 'uploading' | 'uploaded' | 'converting' | 'ready' | 'failed' | 'retrying';

export interface SegmentRow {
  seq: number;
  title: string;
  duration: string;
  stage: SegmentStage;
  stageText: string;
  error: string;
  /** Only a failure no automatic retry will fix gets the retry button. */
  canRetry: boolean;
  canPlay: boolean;
}

function failedStage(segment: SegmentEntry): SegmentStage | undefined {
  if (segment.upload !== 'failed' && segment.server !== 'failed') return undefined;
  return segment.nextAttemptAt === undefined ? 'failed' : 'retrying';
}

function progressStage(segment: SegmentEntry): SegmentStage {
  if (segment.server === 'converted') return 'ready';
  if (segment.server === 'converting') return 'converting';
  if (segment.upload === 'uploaded') return 'uploaded';
  if (segment.upload === 'uploading') return 'uploading';
  return 'recorded';
}

export function segmentStage(segment: SegmentEntry): SegmentStage {
  if (segment.local === 'writing') return 'recording';
  return failedStage(segment) ?? progressStage(segment);
}

export function segmentRow(segment: SegmentEntry): SegmentRow {
  const stage = segmentStage(segment);
  return {
    seq: segment.seq,
    title: t('segment', { n: segment.seq + 1 }),
    duration: formatDuration(segment.durationMs),
    stage,
    stageText: t(`segment.${stage}` as StringKey),
    error: segment.lastError?.message ?? '',
    canRetry: stage === 'failed',
    canPlay: stage !== 'recording' && (segment.localFile !== undefined || segment.server === 'converted'),
  };
}
