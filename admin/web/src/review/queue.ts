/**
 * The review queue: the ids of the filtered list in its order, kept in the page URL (`?queue=a,b,c`) so
 * a reload, a bookmark or a second tab keeps the teacher's place.
 */
import { api, query } from '../api';
import type { Recording } from '../types';

/** Enough for several classes; keeps the URL a few kilobytes at most. */
export const QUEUE_MAX = 200;
const PAGE_SIZE = 100;

export interface ReviewQueue {
  ids: string[];
  index: number;
}

export function parseQueue(params: URLSearchParams, currentId: string): ReviewQueue | undefined {
  const ids = (params.get('queue') ?? '').split(',').filter(Boolean);
  const index = ids.indexOf(currentId);
  return index < 0 ? undefined : { ids, index };
}

export function recordingUrl(id: string, ids: string[]): string {
  return `/recordings/${encodeURIComponent(id)}?queue=${ids.map(encodeURIComponent).join(',')}`;
}

/** The id `step` places away in the queue, or undefined past either end. */
export function stepQueue(queue: ReviewQueue, step: 1 | -1): string | undefined {
  return queue.ids[queue.index + step];
}

export function needsReview(r: Recording): boolean {
  return (r.status === 'ready' || r.status === 'partial') && r.review?.status !== 'reviewed';
}

/** The filtered list, in its order, up to QUEUE_MAX recordings. */
export async function loadQueueRows(
  params: Record<string, string | number | undefined>,
): Promise<Recording[]> {
  const rows: Recording[] = [];
  for (let page = 1; rows.length < QUEUE_MAX; page += 1) {
    const res = await api<{ items: Recording[]; total: number }>(
      'GET',
      `/api/recordings${query({ ...params, page, pageSize: PAGE_SIZE })}`,
    );
    rows.push(...res.items);
    if (res.items.length < PAGE_SIZE || rows.length >= res.total) break;
  }
  return rows.slice(0, QUEUE_MAX);
}
