/**
 * What the declared equality indexes can tell about a query before mingo reads a document, as MongoDB's
 * planner answers what index bounds cover. Only plain equality (`{f: v}`, `{f: {$eq: v}}`,
 * `{f: {$in: [...]}}` with strings, numbers or booleans) on an indexed field is planned, combined through
 * `$and`, and `$or` (a branch the indexes call SURE settles the `$or`). The query's top-level `$and` is
 * split into conjuncts; per document each planned conjunct says "fails", "holds" or "ask mingo", and
 * mingo tests only the conjuncts that asked plus the unplanned rest. The answer is the same as a scan's;
 * only the work differs.
 */
import { isPlainRecord, type Plain } from '../ejson';
import { isIndexedValue, Verdict, type Classifier, type IndexedValue, type Lookup } from './field-index';
import type { RawQuery } from './query';

/** The index on `path` asked about `values`; undefined when `path` has no index. */
export type IndexLookup = (path: string, values: IndexedValue[]) => Lookup | undefined;

export interface PlannedConjunct {
  /** One `{key: value}` of the top-level `$and`, for mingo when `classify` says MAYBE. */
  conjunct: RawQuery;
  classify: Classifier;
  /** For a plain equality: the only documents that can pass it, and how many they are. */
  candidates?: () => string[];
  candidateCount?: () => number;
}

export interface QueryPlan {
  planned: PlannedConjunct[];
  /** The conjuncts the indexes do not answer at all. */
  residual: RawQuery | undefined;
}

/** A query's top-level `$and`, flattened: each item is one `{key: value}` the whole query requires. */
function conjunctsOf(raw: RawQuery): RawQuery[] {
  const out: RawQuery[] = [];
  for (const [key, value] of Object.entries(raw)) {
    // An empty `$and` is mingo's to judge, so it stays a conjunct of its own.
    const parts = key === '$and' && Array.isArray(value) && value.length > 0 ? value : undefined;
    if (parts?.every(isPlainRecord)) out.push(...parts.flatMap(conjunctsOf));
    else out.push({ [key]: value });
  }
  return out;
}

/** The values of a plain equality condition, or undefined for anything else. */
function equalityValues(condition: Plain | undefined): IndexedValue[] | undefined {
  if (isIndexedValue(condition)) return [condition];
  if (!isPlainRecord(condition)) return undefined;
  const entries = Object.entries(condition);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1) return undefined;
  if (operator === '$eq' && isIndexedValue(operand)) return [operand];
  if (operator === '$in' && Array.isArray(operand) && operand.every(isIndexedValue)) return operand;
  return undefined;
}

/** All must hold: the weakest verdict wins. */
function all(parts: Classifier[]): Classifier {
  const [only] = parts;
  if (parts.length === 1 && only) return only;
  return (key) => {
    let verdict = Verdict.SURE;
    for (const part of parts) {
      verdict = Math.min(verdict, part(key));
      if (verdict === Verdict.NO) break;
    }
    return verdict;
  };
}

/** One must hold: the strongest verdict wins; a branch the indexes cannot judge is at best MAYBE. */
function any(parts: Array<Classifier | undefined>): Classifier {
  const planned = parts.filter((part): part is Classifier => part !== undefined);
  const floor = planned.length < parts.length ? Verdict.MAYBE : Verdict.NO;
  return (key) => {
    let verdict = floor;
    for (const part of planned) {
      verdict = Math.max(verdict, part(key));
      if (verdict === Verdict.SURE) break;
    }
    return verdict;
  };
}

class Planner {
  constructor(private readonly lookup: IndexLookup) {}

  split(raw: RawQuery): { planned: PlannedConjunct[]; rest: RawQuery[] } {
    const planned: PlannedConjunct[] = [];
    const rest: RawQuery[] = [];
    for (const conjunct of conjunctsOf(raw)) {
      const plan = this.conjunct(conjunct);
      if (plan) planned.push({ conjunct, ...plan });
      else rest.push(conjunct);
    }
    return { planned, rest };
  }

  /** A whole sub-query (an `$or` branch); with an unplanned part, passing the planned part is only MAYBE. */
  private subquery(raw: Plain): Classifier | undefined {
    if (!isPlainRecord(raw)) return undefined;
    const { planned, rest } = this.split(raw);
    if (planned.length === 0) return undefined;
    const classify = all(planned.map((part) => part.classify));
    return rest.length === 0 ? classify : (key) => Math.min(classify(key), Verdict.MAYBE);
  }

  private conjunct(conjunct: RawQuery): Omit<PlannedConjunct, 'conjunct'> | undefined {
    const [key, value] = Object.entries(conjunct)[0] ?? [];
    if (key === undefined) return undefined;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const branches = value.map((branch) => this.subquery(branch));
      return branches.some((b) => b !== undefined) ? { classify: any(branches) } : undefined;
    }
    if (key.startsWith('$')) return undefined;
    const values = equalityValues(value);
    return values && this.lookup(key, values);
  }
}

/** The plan for `raw`, or undefined when no declared index helps (the caller lets mingo test everything). */
export function planQuery(raw: RawQuery, lookup: IndexLookup): QueryPlan | undefined {
  const { planned, rest } = new Planner(lookup).split(raw);
  if (planned.length === 0) return undefined;
  return { planned, residual: rest.length > 0 ? { $and: rest } : undefined };
}
