/** Dotted field paths (`review.score`, `tags.0`) over plain documents, as MongoDB reads and writes them. */
import { ObjectId } from 'bson';
import { invalidParam } from '../errors';
import type { Plain } from '../ejson';

export type Doc = Record<string, Plain>;
type Container = Record<string, Plain> | Plain[];

function isContainer(value: unknown): value is Container {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof RegExp) &&
    !(value instanceof ObjectId)
  );
}

function splitPath(path: string): string[] {
  const parts = path.split('.');
  if (parts.some((p) => p === '' || p.startsWith('$'))) throw invalidParam(`bad field path: ${path}`);
  return parts;
}

function childOf(container: Container, key: string): Plain | undefined {
  if (Array.isArray(container)) return /^\d+$/.test(key) ? container[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
}

function assign(container: Container, key: string, value: Plain): void {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(key)) throw invalidParam(`cannot use field name ${key} inside an array`);
    container[Number(key)] = value;
  } else {
    container[key] = value;
  }
}

export function getPath(doc: Doc, path: string): Plain | undefined {
  let current: Plain | undefined = doc;
  for (const key of splitPath(path)) {
    if (!isContainer(current)) return undefined;
    current = childOf(current, key);
  }
  return current;
}

/** Sets a value, creating missing intermediate objects; refuses to walk through a scalar. */
export function setPath(doc: Doc, path: string, value: Plain): void {
  const keys = splitPath(path);
  let current: Container = doc;
  for (const key of keys.slice(0, -1)) {
    let next = childOf(current, key);
    if (next === undefined || next === null) {
      next = {};
      assign(current, key, next);
    }
    if (!isContainer(next)) throw invalidParam(`cannot create field under non-object at ${path}`);
    current = next;
  }
  const last = keys[keys.length - 1];
  if (last === undefined) throw invalidParam('empty field path');
  assign(current, last, value);
}

export function unsetPath(doc: Doc, path: string): void {
  const keys = splitPath(path);
  const container = keys.length === 1 ? doc : getPath(doc, keys.slice(0, -1).join('.'));
  if (!isContainer(container)) return;
  const last = keys[keys.length - 1];
  if (last === undefined) return;
  // In arrays MongoDB's $unset leaves a null hole rather than shifting later elements.
  if (Array.isArray(container)) {
    if (/^\d+$/.test(last) && Number(last) < container.length) container[Number(last)] = null;
  } else {
    delete container[last];
  }
}

function objectIdEqual(a: unknown, b: unknown): boolean {
  return a instanceof ObjectId && b instanceof ObjectId && a.equals(b);
}

/** Dates, ObjectIds and scalars compare by value; undefined when a or b is a container. */
function scalarEqual(a: unknown, b: unknown): boolean | undefined {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof ObjectId || b instanceof ObjectId) return objectIdEqual(a, b);
  if (!isContainer(a) || !isContainer(b)) return a === b;
  return undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  const scalar = scalarEqual(a, b);
  if (scalar !== undefined) return scalar;
  const x = a as Container;
  const y = b as Container;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const keysA = Object.keys(x);
  const keysB = Object.keys(y);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => deepEqual((x as Doc)[key], (y as Doc)[key]));
}

export function deepClone<T extends Plain | Doc>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item) => deepClone(item)) as T;
  if (!isContainer(value)) return value;
  const out: Doc = {};
  for (const [key, item] of Object.entries(value)) out[key] = deepClone(item);
  return out as T;
}
