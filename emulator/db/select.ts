/**
 * The documents a query matches: narrowed by the declared equality indexes when they help
 * (query-planner.ts), tested by mingo for whatever the indexes could not decide, scanned otherwise. A page
 * sorted by one indexed field walks that index in order and stops once the page is full.
 */
import type { Query } from 'mingo';
import type { CollectionData } from './collection-data';
import { Verdict, type Classifier } from './field-index';
import type { Doc } from './paths';
import { planQuery, type PlannedConjunct, type QueryPlan } from './query-planner';
import { compileQuery, matches, type RawQuery } from './query';
import type { SortSpec } from './sort';

export interface Selection {
  raw: RawQuery;
  query: Query;
}

/** Below this share of the collection, a planned equality's candidates are visited instead of every key. */
const NARROW = 1 / 4;

type Keep = (key: string, doc: Doc) => boolean;

interface Matcher {
  keep: Keep;
  /** When one planned equality narrows the query: the only documents worth visiting. */
  candidates?: string[];
}

/** The candidates of the planned equality that has the fewest, when they are few enough to visit alone. */
function fewestCandidates(plan: QueryPlan, size: number): string[] | undefined {
  let best: PlannedConjunct | undefined;
  let fewest = size * NARROW;
  for (const part of plan.planned) {
    const count = part.candidateCount?.();
    if (count !== undefined && count <= fewest) [best, fewest] = [part, count];
  }
  return best?.candidates?.();
}

interface Part {
  classify: Classifier;
  query: () => Query;
}

/** Whether a document matches, asking mingo only about the conjuncts the indexes left open. */
function matcher(data: CollectionData, selection: Selection): Matcher {
  const plan = planQuery(selection.raw, (path, values) => data.lookup(path, values));
  if (!plan) return { keep: (_key, doc) => matches(selection.query, doc) };
  const parts: Part[] = plan.planned.map((part) => ({
    classify: part.classify,
    query: lazyQuery(part.conjunct),
  }));
  const residual = plan.residual && compileQuery(plan.residual);
  const verdicts: Verdict[] = [];
  // Every index is asked before mingo reads the document: one NO settles it cheaply.
  const keep: Keep = (key, doc) => {
    for (let i = 0; i < parts.length; i += 1) {
      verdicts[i] = (parts[i] as Part).classify(key);
      if (verdicts[i] === Verdict.NO) return false;
    }
    for (let i = 0; i < parts.length; i += 1) {
      if (verdicts[i] === Verdict.MAYBE && !matches((parts[i] as Part).query(), doc)) return false;
    }
    return !residual || matches(residual, doc);
  };
  return { keep, candidates: fewestCandidates(plan, data.size) };
}

/** A conjunct compiled the first time a document needs mingo's answer. */
function lazyQuery(raw: RawQuery): () => Query {
  let query: Query | undefined;
  return () => (query ??= compileQuery(raw));
}

/** The matching documents in natural order; the first only unless `multi`. */
export function selectDocuments(
  data: CollectionData | undefined,
  selection: Selection,
  multi: boolean,
): Doc[] {
  if (!data) return [];
  const { keep, candidates } = matcher(data, selection);
  const visit = candidates ? data.inNaturalOrder(candidates) : data.entries();
  const out: Doc[] = [];
  for (const [key, doc] of visit) {
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
 * when the sort has several fields, no index can order this one, or an equality narrows the query to a
 * few candidates (then sorting them is cheaper).
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
  const { keep, candidates } = matcher(data, selection);
  // A few candidates sort faster than a walk past every other key of the index.
  if (candidates) return undefined;
  const out: Doc[] = [];
  for (const key of keys) {
    if (out.length >= count) break;
    const doc = data.get(key);
    if (doc && keep(key, doc)) out.push(doc);
  }
  return out;
}
