/**
 * Update operators applied to a copy of a document, with MongoDB's semantics for the operators the
 * CloudBase SDKs emit (`db.command.inc`, `push`, `pull`, …). NeDB lacks several of them ($mul,
 * $rename, $push with $position), so all of them live here and the store only ever replaces documents.
 */
import { CloudCode, CloudError } from '../errors';
import { isPlainRecord, type Plain } from '../ejson';
import { deepEqual, getPath, setPath, unsetPath, type Doc } from './paths';
import { matchesCondition } from './match';
import { sortPushed } from './push-sort';

type Operator = (doc: Doc, path: string, arg: Plain) => void;

function bad(message: string): CloudError {
  return new CloudError(CloudCode.DATABASE_INVALID_OPERRATOR, message);
}

function numberAt(doc: Doc, path: string, op: string): number | undefined {
  const current = getPath(doc, path);
  if (current === undefined || current === null) return undefined;
  if (typeof current !== 'number') throw bad(`${op} on non-numeric field ${path}`);
  return current;
}

function numericArg(arg: Plain, op: string): number {
  if (typeof arg !== 'number') throw bad(`${op} needs a number`);
  return arg;
}

function arrayAt(doc: Doc, path: string, op: string): Plain[] {
  const current = getPath(doc, path);
  if (current === undefined || current === null) return [];
  if (!Array.isArray(current)) throw bad(`${op} on non-array field ${path}`);
  return current;
}

function compare(a: Plain, b: Plain): number {
  const x = a instanceof Date ? a.getTime() : a;
  const y = b instanceof Date ? b.getTime() : b;
  if (typeof x !== typeof y) throw bad('$min/$max compare values of different types');
  return (x as number | string) < (y as number | string)
    ? -1
    : (x as number | string) > (y as number | string)
      ? 1
      : 0;
}

/** `$push`/`$addToSet` accept a bare value or `{$each}` (the SDK sends `{each}` for addToSet). */
function eachOf(arg: Plain): { items: Plain[]; modifiers: Record<string, Plain> } {
  if (isPlainRecord(arg)) {
    const items = arg.$each ?? arg.each;
    if (Array.isArray(items)) return { items, modifiers: arg };
  }
  return { items: [arg], modifiers: {} };
}

const PUSH_MODIFIERS = new Set(['$each', '$position', '$slice', '$sort']);

/** MongoDB's `$push` modifiers; any other key is refused, never ignored. */
function pushModifiers(modifiers: Record<string, Plain>): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (const [key, value] of Object.entries(modifiers)) {
    const name = key.startsWith('$') ? key : `$${key}`;
    if (!PUSH_MODIFIERS.has(name)) throw bad(`unsupported $push modifier: ${key}`);
    out[name] = value;
  }
  return out;
}

function slicePushed(list: Plain[], slice: Plain | undefined): Plain[] {
  if (slice === undefined) return list;
  const n = numericArg(slice, '$slice');
  return n >= 0 ? list.slice(0, n) : list.slice(n);
}

const push: Operator = (doc, path, arg) => {
  const list = [...arrayAt(doc, path, '$push')];
  const { items, modifiers: raw } = eachOf(arg);
  const modifiers = pushModifiers(raw);
  const position = modifiers.$position;
  const at = position === undefined ? list.length : numericArg(position, '$position');
  list.splice(at < 0 ? Math.max(0, list.length + at) : at, 0, ...items);
  const sorted = modifiers.$sort === undefined ? list : sortPushed(list, modifiers.$sort);
  setPath(doc, path, slicePushed(sorted, modifiers.$slice));
};

const addToSet: Operator = (doc, path, arg) => {
  const list = [...arrayAt(doc, path, '$addToSet')];
  for (const item of eachOf(arg).items) if (!list.some((x) => deepEqual(x, item))) list.push(item);
  setPath(doc, path, list);
};

const pull: Operator = (doc, path, arg) => {
  const list = arrayAt(doc, path, '$pull');
  setPath(
    doc,
    path,
    list.filter((item) => !matchesCondition(item, arg)),
  );
};

const pullAll: Operator = (doc, path, arg) => {
  if (!Array.isArray(arg)) throw bad('$pullAll needs an array');
  const list = arrayAt(doc, path, '$pullAll');
  setPath(
    doc,
    path,
    list.filter((item) => !arg.some((x) => deepEqual(x, item))),
  );
};

const pop: Operator = (doc, path, arg) => {
  const list = [...arrayAt(doc, path, '$pop')];
  if (numericArg(arg, '$pop') < 0) list.shift();
  else list.pop();
  setPath(doc, path, list);
};

const rename: Operator = (doc, path, arg) => {
  if (typeof arg !== 'string' || arg === '') throw bad('$rename needs a field name');
  checkNotId(arg);
  const value = getPath(doc, path);
  if (value === undefined) return;
  unsetPath(doc, path);
  setPath(doc, arg, value);
};

const OPERATORS: Record<string, Operator> = {
  $set: (doc, path, arg) => setPath(doc, path, arg),
  $unset: (doc, path) => unsetPath(doc, path),
  $inc: (doc, path, arg) => setPath(doc, path, (numberAt(doc, path, '$inc') ?? 0) + numericArg(arg, '$inc')),
  $mul: (doc, path, arg) => setPath(doc, path, (numberAt(doc, path, '$mul') ?? 0) * numericArg(arg, '$mul')),
  $min: (doc, path, arg) => {
    const current = getPath(doc, path);
    if (current === undefined || current === null || compare(arg, current) < 0) setPath(doc, path, arg);
  },
  $max: (doc, path, arg) => {
    const current = getPath(doc, path);
    if (current === undefined || current === null || compare(arg, current) > 0) setPath(doc, path, arg);
  },
  $push: push,
  $addToSet: addToSet,
  $pull: pull,
  $pullAll: pullAll,
  $pop: pop,
  $rename: rename,
};

function checkNotId(path: string): void {
  if (path === '_id' || path.startsWith('_id.'))
    throw new CloudError(CloudCode.INVALID_PARAM, 'cannot update _id');
}

/** Applies `{$op: {path: arg}}`; plain top-level fields (raw mode) mean `$set`. `_id` never changes. */
export function applyUpdate(doc: Doc, update: Record<string, Plain>): Doc {
  for (const [key, spec] of Object.entries(update)) {
    if (!key.startsWith('$')) {
      checkNotId(key);
      setPath(doc, key, spec);
      continue;
    }
    const operator = OPERATORS[key];
    if (!operator) throw bad(`unsupported update operator: ${key}`);
    if (!isPlainRecord(spec)) throw bad(`${key} needs an object of fields`);
    for (const [path, arg] of Object.entries(spec)) {
      if (path === '_id' || path.startsWith('_id.'))
        throw new CloudError(CloudCode.INVALID_PARAM, 'cannot update _id');
      operator(doc, path, arg);
    }
  }
  return doc;
}
