/**
 * The teacher's comments pinned to moments, as the history page shows them ("0:32 dropped the final -s"),
 * and where playback must start so that tapping one plays the recording from that moment.
 */
import type { RecordingView } from '../../typings/functions';
import type { PlaybackSource } from '../recorder/playback';

export interface PinnedCommentRow {
  id: string;
  atMs: number;
  /** "0:32" */
  time: string;
  text: string;
}

/** 32_400 ms → "0:32", 75_000 ms → "1:15": how a teacher names a moment. */
export function formatMoment(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Shown with the rest of the review: only once the teacher has marked the recording reviewed. */
export function pinnedCommentRows(view: RecordingView): PinnedCommentRow[] {
  const review = view.review;
  if (!review || review.status !== 'reviewed') return [];
  return [...(review.comments ?? [])]
    .sort((a, b) => a.atMs - b.atMs)
    .map((c) => ({ id: c.id, atMs: c.atMs, time: formatMoment(c.atMs), text: c.text }));
}

export interface SeekPlan {
  sources: PlaybackSource[];
  startSec: number;
}

/**
 * One source (the full MP3): start at the moment. A chain of segment sources: skip the segments that end
 * before the moment and start inside the one it falls in (`durationsMs` are the segments' lengths in order).
 */
export function seekInto(sources: PlaybackSource[], durationsMs: number[], atMs: number): SeekPlan {
  if (sources.length <= 1 || durationsMs.length !== sources.length) return { sources, startSec: atMs / 1000 };
  let before = 0;
  for (const [i, duration] of durationsMs.entries()) {
    if (atMs < before + duration) return { sources: sources.slice(i), startSec: (atMs - before) / 1000 };
    before += duration;
  }
  return { sources: sources.slice(-1), startSec: (durationsMs[durationsMs.length - 1] ?? 0) / 1000 };
}
