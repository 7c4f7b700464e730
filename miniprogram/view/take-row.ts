import type { SegmentCut } from '../../typings/documents';
import type { SegmentEntry } from '../recorder/journal-types';
import { t, type StringKey } from '../strings';
import { formatDuration } from './format';
import { segmentStage, type SegmentRow, type SegmentStage } from './segment-row';

/**
 * A take: what the student read between two of their own pauses. Automatic 30 s cuts (and the platform's
 * 10-minute cap) split it into several uploads, but the student never chose those, so they see one row,
 * shaped like a segment's; its `seq` is the take's first segment, which the play and retry taps name.
 */
export type TakeRow = SegmentRow;

/**
 * Whether a take ends with this cut. Mirrors `endsTake` in typings/documents.ts (the teacher's page uses
 * that one): DevTools packages nothing outside miniprogram/, so the phone cannot import it at runtime.
 */
export function endsTake(cut: SegmentCut | undefined): boolean {
  return cut !== undefined && cut !== 'auto' && cut !== 'cap';
}

/** Segments in seq order, grouped into takes; a segment still being written belongs to the open take. */
export function groupTakes<T extends { cut?: SegmentCut }>(segments: T[]): T[][] {
  const takes: T[][] = [];
  let open: T[] = [];
  for (const segment of segments) {
    open.push(segment);
    if (endsTake(segment.cut)) {
      takes.push(open);
      open = [];
    }
  }
  if (open.length > 0) takes.push(open);
  return takes;
}

/** A take shows the stage of its least advanced segment: it is ready only when all of it is. */
const STAGE_ORDER: SegmentStage[] = [
  'failed',
  'retrying',
  'recording',
  'recorded',
  'uploading',
  'uploaded',
  'converting',
  'ready',
];

function takeStage(segments: SegmentEntry[]): SegmentStage {
  const ranks = segments.map((s) => STAGE_ORDER.indexOf(segmentStage(s)));
  return STAGE_ORDER[Math.min(...ranks)] ?? 'recording';
}

export function takeRow(segments: SegmentEntry[], index: number): TakeRow {
  const stage = takeStage(segments);
  const failed = segments.find((s) => s.lastError !== undefined && segmentStage(s) === stage);
  return {
    seq: segments[0]?.seq ?? 0,
    title: t('segment', { n: index + 1 }),
    duration: formatDuration(segments.reduce((sum, s) => sum + s.durationMs, 0)),
    stage,
    stageText: t(`segment.${stage}` as StringKey),
    error: failed?.lastError?.message ?? '',
    canRetry: stage === 'failed',
    canPlay:
      stage !== 'recording' && segments.every((s) => s.localFile !== undefined || s.server === 'converted'),
  };
}

export function takeRows(segments: SegmentEntry[]): TakeRow[] {
  return groupTakes(segments).map(takeRow);
}

/** The segments of the take that starts at `firstSeq`, in order (empty when there is none). */
export function takeSegments(segments: SegmentEntry[], firstSeq: number): SegmentEntry[] {
  return groupTakes(segments).find((take) => take[0]?.seq === firstSeq) ?? [];
}
