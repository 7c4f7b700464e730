/**
 * Which indexes each collection gets: the ones declared in `database/collections.json` (the ones created in
 * the CloudBase console; unique ones enforced as there) and any the caller adds. Only declared indexes
 * speed up queries (collection-data.ts), so a query the production database would scan is scanned here too.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface IndexSpec {
  fields: string[];
  unique: boolean;
}

/** Collection name (or `*` for every collection) → its indexes. */
export type IndexPlan = Record<string, IndexSpec[]>;

function single(fields: string[]): IndexSpec[] {
  return fields.map((field) => ({ fields: [field], unique: false }));
}

export function planFromFields(fields: Record<string, string[]>): IndexPlan {
  return Object.fromEntries(Object.entries(fields).map(([name, list]) => [name, single(list)]));
}

interface DeclaredIndex {
  keys?: Record<string, unknown>;
  unique?: boolean;
}

/** Reads `{collections: {name: {indexes: [{keys, unique}]}}}`; each index also indexes its first field alone. */
export function planFromDatabaseConfig(file: string): IndexPlan {
  if (!existsSync(file)) return {};
  const config = JSON.parse(readFileSync(file, 'utf8')) as {
    collections?: Record<string, { indexes?: DeclaredIndex[] }>;
  };
  const plan: IndexPlan = {};
  for (const [name, collection] of Object.entries(config.collections ?? {})) {
    plan[name] = (collection.indexes ?? []).flatMap((index) => {
      const fields = Object.keys(index.keys ?? {});
      if (fields.length === 0) return [];
      return [{ fields, unique: index.unique === true }, ...single(fields.slice(0, 1))];
    });
  }
  return plan;
}

export function mergePlans(...plans: IndexPlan[]): IndexPlan {
  const merged: IndexPlan = {};
  for (const plan of plans) {
    for (const [name, specs] of Object.entries(plan)) merged[name] = [...(merged[name] ?? []), ...specs];
  }
  return merged;
}

/** The specs for one collection, each field list once (a unique declaration wins over a plain one). */
export function specsFor(plan: IndexPlan, name: string): IndexSpec[] {
  const byFields = new Map<string, IndexSpec>();
  for (const spec of [...(plan['*'] ?? []), ...(plan[name] ?? [])]) {
    const key = spec.fields.join(',');
    byFields.set(key, { fields: spec.fields, unique: spec.unique || byFields.get(key)?.unique === true });
  }
  return [...byFields.values()];
}
