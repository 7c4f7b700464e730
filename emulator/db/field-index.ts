/**
 * An equality index on one field path, kept up to date on every change like the store's unique indexes:
 * each document's value there, when it is a string, a number or a boolean. It answers "does this document
 * hold one of these values" without reading the document, and says "ask mingo" for what it cannot decide
 * (arrays, objects, dates, ObjectIds, paths through arrays).
 */
import { isPlainRecord, type Plain } from '../ejson';
import type { Doc } from './paths';

/** The values an equality index decides on its own: mingo compares them with `===`. */
export type IndexedValue = string | number | boolean;

/** What an index knows about one document and a condition: it holds, it does not, or ask mingo. */
export enum Verdict {
  NO = 0,
  MAYBE = 1,
  SURE = 2,
}

/** A condition's verdict for a document, by its store key. */
export type Classifier = (docKey: string) => Verdict;

const UNDECIDED = Symbol('undecided');
/** A value key, UNDECIDED, or undefined for a document without the field (or with null). */
type Slot = string | typeof UNDECIDED | undefined;

export function isIndexedValue(value: unknown): value is IndexedValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** 0 and -0 share a key, as `===` says they are equal; "1" and 1 do not. */
function valueKey(value: IndexedValue): string {
  return `${typeof value}:${String(value)}`;
}

/** Where a document sits in the index; anything mingo might resolve differently from a plain walk is undecided. */
function slotOf(doc: Doc, parts: string[]): Slot {
  let current: Plain | undefined = doc;
  for (const part of parts) {
    if (current === undefined || current === null) return undefined;
    if (!isPlainRecord(current)) return UNDECIDED;
    current = Object.prototype.hasOwnProperty.call(current, part) ? current[part] : undefined;
  }
  if (current === undefined || current === null) return undefined;
  return isIndexedValue(current) ? valueKey(current) : UNDECIDED;
}

export class FieldIndex {
  private readonly parts: string[];
  /** Each document's slot; documents without the field have none. */
  private readonly slots = new Map<string, string | typeof UNDECIDED>();

  constructor(readonly path: string) {
    this.parts = path.split('.');
  }

  /** Records that `docKey` now holds `after` (or nothing). */
  replace(docKey: string, after: Doc | undefined): void {
    const slot = after && slotOf(after, this.parts);
    if (slot === undefined) this.slots.delete(docKey);
    else this.slots.set(docKey, slot);
  }

  /**
   * The verdict of "the field equals one of `values`" (mingo's `$eq` / `$in`): a document without the field
   * or with null surely fails (no value is null), one holding an array, object, date or id is mingo's call.
   * Read it before the next write: it looks at the index as it is then.
   */
  classifier(values: IndexedValue[]): Classifier {
    const wanted = new Set(values.map(valueKey));
    return (docKey) => {
      const slot = this.slots.get(docKey);
      if (slot === undefined) return Verdict.NO;
      if (slot === UNDECIDED) return Verdict.MAYBE;
      return wanted.has(slot) ? Verdict.SURE : Verdict.NO;
    };
  }
}
