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

/** What an equality index says about "the field equals one of these values". */
export interface Lookup {
  classify: Classifier;
  /** How many documents `candidates` would list. */
  candidateCount(): number;
  /** Every document whose verdict is not NO (the ones holding a value, then the undecided ones). */
  candidates(): string[];
}

export class FieldIndex {
  private readonly parts: string[];
  /** Each document's slot; documents without the field have none. */
  private readonly slots = new Map<string, string | typeof UNDECIDED>();
  /** The same, the other way round: the documents in each slot. */
  private readonly bySlot = new Map<string | typeof UNDECIDED, Set<string>>();

  constructor(readonly path: string) {
    this.parts = path.split('.');
  }

  /** Records that `docKey` now holds `after` (or nothing). */
  replace(docKey: string, after: Doc | undefined): void {
    const old = this.slots.get(docKey);
    if (old !== undefined) this.leave(old, docKey);
    const slot = after && slotOf(after, this.parts);
    if (slot === undefined) {
      this.slots.delete(docKey);
      return;
    }
    this.slots.set(docKey, slot);
    this.keysIn(slot).add(docKey);
  }

  /**
   * "The field equals one of `values`" (mingo's `$eq` / `$in`): a document without the field or with null
   * surely fails (no value is null), one holding an array, object, date or id is mingo's call. Use it
   * before the next write: it reads the index as it is then.
   */
  lookup(values: IndexedValue[]): Lookup {
    const wanted = new Set(values.map(valueKey));
    const slots: Array<string | typeof UNDECIDED> = [...wanted, UNDECIDED];
    return {
      classify: (docKey) => {
        const slot = this.slots.get(docKey);
        if (slot === undefined) return Verdict.NO;
        if (slot === UNDECIDED) return Verdict.MAYBE;
        return wanted.has(slot) ? Verdict.SURE : Verdict.NO;
      },
      candidateCount: () => slots.reduce((sum, slot) => sum + (this.bySlot.get(slot)?.size ?? 0), 0),
      candidates: () => slots.flatMap((slot) => [...(this.bySlot.get(slot) ?? [])]),
    };
  }

  private leave(slot: string | typeof UNDECIDED, docKey: string): void {
    const keys = this.bySlot.get(slot);
    keys?.delete(docKey);
    if (keys?.size === 0) this.bySlot.delete(slot);
  }

  private keysIn(slot: string | typeof UNDECIDED): Set<string> {
    let keys = this.bySlot.get(slot);
    if (!keys) {
      keys = new Set();
      this.bySlot.set(slot, keys);
    }
    return keys;
  }
}
