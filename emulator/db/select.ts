/**
 * The documents a query matches: narrowed by the declared equality indexes when they help
 * (query-planner.ts), tested by mingo for whatever the indexes could not decide, scanned otherwise. A page
 * sorted by one indexed field walks that index in order and stops once the page is full.
 */
import type { Query } from 'mingo';
import type { CollectionData } from './collection-data';
import { Verdict } from './field-index';
import type { Doc } from './paths';
import { planQuery } from './query-planner';
import { compileQuery, matches, type RawQuery } from './query';
import type { SortSpec } from './sort';

export interface Selection {
  raw: RawQuery;
  query: Query;
}

type Keep = (key: string, doc: Doc) => boolean;

/** Whether a document matches, asking mingo only what the indexes left open. */
function matcher(data: CollectionData, selection: Selection): Keep {
  const plan = planQuery(selection.raw, (path, values) => data.lookup(path, values));
  if (!plan) return (_key, doc) => matches(selection.query, doc);
  const { classify } = plan;
  const residual = plan.residual && compileQuery(plan.residual);
  return (key, doc) => {
    switch (classify(key)) {
      case Verdict.NO:
        return false;
      case Verdict.SURE:
        return !residual || matches(residual, doc);
      case Verdict.MAYBE:
        return matches(selection.query, doc);
    }
  };
}

/** The matching documents in natural order; the first only unless `multi`. */
export function selectDocuments(
  data: CollectionData | undefined,
  selection: Selection,
  multi: boolean,
): Doc[] {
  if (!data) return [];
  const keep = matcher(data, selection);
  const out: Doc[] = [];
  for (const [key, doc] of data.entries()) {
    if (!keep(key, doc)) continue;
    out.push(doc);
    if (!multi) break;
  }
  return out;
}

/** The single field a sort orders by, or undefined for a sort by several fields. */
function singleField(sort: SortSpec): [string, 1 | -1] | undefined {
  const fields = Object.entries(sort);
  return fields.length === 1 ? fields[0] : undefined;
}

/**
 * The first `count` matches in `sort` order, read from an index on the single sort field, or undefined
 * when the sort has several fields or no index can order this one.
 */
export function selectInIndexOrder(
  data: CollectionData | undefined,
  selection: Selection,
  sort: SortSpec,
  count: number,
): Doc[] | undefined {
  const field = singleField(sort);
  const keys = field && data?.ordered(...field);
  if (!data || !keys) return undefined;
  const keep = matcher(data, selection);
  const out: Doc[] = [];
  for (const key of keys) {
    if (out.length >= count) break;
    const doc = data.get(key);
    if (doc && keep(key, doc)) out.push(doc);
  }
  return out;
}
