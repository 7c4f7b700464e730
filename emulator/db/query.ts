/**
 * CloudBase queries (MongoDB syntax, as the SDKs' QuerySerializer writes them) → NeDB queries. NeDB
 * lacks `$eq`, `$nor` and field-level `$not`, so those become equivalent forms it does understand.
 */
import { CloudCode, CloudError } from '../errors';
import { isPlainRecord, type Plain } from '../ejson';

export type NedbQuery = Record<string, unknown>;

const FIELD_OPERATORS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$regex',
  '$size',
  '$elemMatch',
  '$not',
]);

function unsupported(op: string): CloudError {
  return new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, `unsupported query operator: ${op}`);
}

function clauses(value: Plain, op: string): NedbQuery[] {
  if (!Array.isArray(value))
    throw new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, `${op} needs an array`);
  return value.map((item) => {
    if (!isPlainRecord(item))
      throw new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, `${op} needs objects`);
    return translateQuery(item);
  });
}

function isOperatorObject(value: Plain): value is Record<string, Plain> {
  return isPlainRecord(value) && Object.keys(value).some((key) => key.startsWith('$'));
}

/** One field's condition: what stays on the field, plus clauses that must be ANDed at the top. */
function translateField(field: string, value: Plain): { condition?: unknown; extra: NedbQuery[] } {
  if (!isOperatorObject(value)) return { condition: value, extra: [] };
  const condition: Record<string, unknown> = {};
  const extra: NedbQuery[] = [];
  for (const [op, arg] of Object.entries(value)) {
    if (!FIELD_OPERATORS.has(op)) throw unsupported(op);
    if (op === '$eq') {
      // `$in: [v]` has $eq's meaning, including "some element equals v" on array fields.
      extra.push({ [field]: { $in: [arg] } });
    } else if (op === '$not') {
      extra.push({ $not: translateQuery({ [field]: arg }) });
    } else {
      condition[op] = arg;
    }
  }
  return { condition: Object.keys(condition).length > 0 ? condition : undefined, extra };
}

export function translateQuery(query: Record<string, Plain>): NedbQuery {
  const out: NedbQuery = {};
  const extra: NedbQuery[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' || key === '$or') {
      out[key] = clauses(value, key);
    } else if (key === '$nor') {
      extra.push({ $not: { $or: clauses(value, key) } });
    } else if (key.startsWith('$')) {
      throw unsupported(key);
    } else {
      const { condition, extra: more } = translateField(key, value);
      if (condition !== undefined) out[key] = condition;
      extra.push(...more);
    }
  }
  if (extra.length > 0) out.$and = [...((out.$and as NedbQuery[] | undefined) ?? []), ...extra];
  return out;
}
