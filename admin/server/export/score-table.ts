/**
 * The score table behind both exports: one row per roster student (missing ones included), then the
 * submitters that match no roster entry. Times are written in China Standard Time, the schools' clock.
 */
import type { AssignmentProgress, ProgressRow } from '../../../typings/roster';

export type ExportLanguage = 'zh' | 'en';
export type Cell = string | number | Date | null;

const HEADERS: Record<ExportLanguage, string[]> = {
  zh: ['班级', '学号', '姓名', '提交时间', '时长（秒）', '状态', '分数', '评语', '定点评论数'],
  en: [
    'class',
    'student number',
    'name',
    'submitted at',
    'duration (s)',
    'status',
    'score',
    'comment',
    'pinned comments',
  ],
};

const STATUS_TEXT: Record<ExportLanguage, Record<ProgressRow['status'], string>> = {
  zh: { missing: '未提交', submitted: '已提交', reviewed: '已批阅' },
  en: { missing: 'missing', submitted: 'submitted', reviewed: 'reviewed' },
};
const NOT_ON_ROSTER: Record<ExportLanguage, string> = { zh: '（不在名单）', en: ' (not on roster)' };

export const EXPORT_TIME_ZONE = 'Asia/Shanghai';

/** 2026-12-01 22:45:30 in China Standard Time (what a teacher in China reads). */
export function formatExportTime(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: EXPORT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export interface ScoreTable {
  headers: string[];
  /** Cells in header order; the submitted-at cell is a Date that each writer formats in China Standard Time. */
  rows: Cell[][];
}

function rowCells(row: ProgressRow, lang: ExportLanguage): Cell[] {
  const s = row.submission;
  const status = STATUS_TEXT[lang][row.status] + (row.onRoster ? '' : NOT_ON_ROSTER[lang]);
  return [
    row.className,
    row.studentNumber ?? '',
    row.name,
    s ? new Date(s.createdAt) : null,
    s ? Math.round(s.durationMs / 100) / 10 : null,
    status,
    s?.score ?? null,
    s?.comment ?? '',
    s ? s.commentCount : null,
  ];
}

export function scoreTable(progress: AssignmentProgress, lang: ExportLanguage): ScoreTable {
  return { headers: HEADERS[lang], rows: progress.rows.map((row) => rowCells(row, lang)) };
}
