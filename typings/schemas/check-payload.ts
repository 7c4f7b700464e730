/**
 * The one way a payload is checked on the server: its schema from typings/schemas, compiled once by Ajv.
 * A bad payload is an INVALID_ARGUMENT naming the first bad field; fields the schema does not know are
 * dropped, so what a handler gets is exactly the declared shape. The admin server's routes hand the same
 * schemas to Fastify (which compiles them with its own Ajv) and word their errors with `describeErrors`.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Static, TSchema } from '@sinclair/typebox';
import { AppError, ErrorCode } from '../errors';

// `verbose` keeps each error's schema, whose `description` words what a pattern expects.
export const AJV_OPTIONS = {
  removeAdditional: 'all',
  coerceTypes: false,
  useDefaults: true,
  verbose: true,
} as const;
const ajv = new Ajv(AJV_OPTIONS);
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validatorFor(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** `/seqs/3` → `seqs[3]`; the request itself when the path is empty. */
function fieldName(error: ErrorObject, prefix: string): string {
  const parts = error.instancePath.split('/').filter(Boolean);
  if (error.keyword === 'required') parts.push(String(error.params.missingProperty));
  const name = parts.map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i ? `.${part}` : part)).join('');
  return name ? `${prefix}${name}` : prefix ? prefix.replace(/\.$/, '') : 'request';
}

function problem(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'pattern': {
      const rule = (error.parentSchema as { description?: string } | undefined)?.description;
      return rule ? `must be ${rule}` : 'has the wrong form';
    }
    default:
      return error.message ?? 'is not valid';
  }
}

/** Words Ajv's errors (ours or Fastify's) as one sentence that names the field. */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string {
  const first = errors?.[0];
  return first ? `${fieldName(first, prefix)} ${problem(first)}` : 'request is not valid';
}

/** Checks `input` against `schema`; returns a copy holding only the declared fields, or throws. */
export function checkPayload<S extends TSchema>(schema: S, input: unknown): Static<S> {
  // Payloads arrive as JSON, so a JSON copy is exactly what was sent (and Ajv may prune it freely).
  const copy: unknown = input === undefined ? {} : JSON.parse(JSON.stringify(input));
  const validate = validatorFor(schema);
  if (!validate(copy)) throw new AppError(ErrorCode.INVALID_ARGUMENT, describeErrors(validate.errors));
  return copy as Static<S>;
}
