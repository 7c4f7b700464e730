/**
 * CloudBase queries (MongoDB syntax, as the SDKs' QuerySerializer writes them) evaluated by mingo, a
 * library made for MongoDB's query semantics. Geo operators, which mingo lacks, come from `geo.ts`.
 * Script operators (`$where`, `$function`) are off, as on CloudBase.
 */
import { Query } from 'mingo';
import { CloudCode, CloudError } from '../errors';
import type { Plain } from '../ejson';
import { GEO_CONTEXT } from './geo';
import type { Doc } from './paths';

export type RawQuery = Record<string, Plain>;

const OPTIONS = { scriptEnabled: false, context: GEO_CONTEXT };

/** mingo's complaints about operators become CloudBase's code for a bad command. */
export function operatorError(err: unknown): CloudError {
  if (err instanceof CloudError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, message);
}

export function withOperatorErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw operatorError(err);
  }
}

/** A compiled query; a bad or unknown operator is DATABASE_INVALID_OPERRATOR with mingo's wording. */
export function compileQuery(raw: RawQuery): Query {
  return withOperatorErrors(() => new Query(raw, OPTIONS));
}

export function matches(query: Query, doc: Doc): boolean {
  return withOperatorErrors(() => query.test(doc));
}
