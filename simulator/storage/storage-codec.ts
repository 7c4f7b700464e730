/**
 * How values are kept in wx storage. The docs accept "native types, Date, and objects JSON.stringify
 * can serialise"; a top-level Date comes back as a Date, everything else goes through JSON, so
 * functions and undefined object fields vanish and nested Dates come back as ISO strings.
 */
export type StoredType = 'String' | 'Number' | 'Boolean' | 'Undefined' | 'Null' | 'Date' | 'Object';

export interface StoredEntry {
  type: StoredType;
  /** The serialised form: this string's UTF-8 length is what counts against the limits. */
  data: string;
}

function typeOf(value: unknown): StoredType {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'Null';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'number') return 'Number';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
}

export function encodeStored(value: unknown): StoredEntry {
  const type = typeOf(value);
  if (type === 'String') return { type, data: value as string };
  if (type === 'Date') return { type, data: (value as Date).toISOString() };
  if (type === 'Undefined') return { type, data: '' };
  return { type, data: JSON.stringify(value) ?? '' };
}

export function decodeStored(entry: StoredEntry): unknown {
  switch (entry.type) {
    case 'String':
      return entry.data;
    case 'Date':
      return new Date(entry.data);
    case 'Undefined':
      return undefined;
    default:
      return JSON.parse(entry.data);
  }
}

export function entryBytes(key: string, entry: StoredEntry): number {
  return Buffer.byteLength(key) + Buffer.byteLength(entry.data);
}
