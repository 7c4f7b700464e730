/**
 * The `Range` request header for downloads (RFC 9110 §14), as COS answers it: one byte range is served
 * with 206, a range that starts past the end is 416, and anything else (absent, malformed, several
 * ranges) falls back to the whole file, which the RFC allows and browsers cope with.
 */

/** Inclusive byte positions, as Content-Range writes them. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeAnswer =
  { kind: 'whole' } | { kind: 'partial'; range: ByteRange } | { kind: 'unsatisfiable' };

const WHOLE: RangeAnswer = { kind: 'whole' };
const UNSATISFIABLE: RangeAnswer = { kind: 'unsatisfiable' };
const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;

/** `bytes=-n`: the last n bytes (all of them when the file is shorter). */
function suffix(length: number, size: number): RangeAnswer {
  if (length === 0 || size === 0) return UNSATISFIABLE;
  return { kind: 'partial', range: { start: Math.max(0, size - length), end: size - 1 } };
}

/** `bytes=a-b` or `bytes=a-`: an end past the file is cut to its last byte. */
function fromStart(start: number, end: number | undefined, size: number): RangeAnswer {
  if (end !== undefined && end < start) return WHOLE;
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'partial', range: { start, end: Math.min(end ?? size - 1, size - 1) } };
}

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  const match = header ? SINGLE_RANGE.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return WHOLE;
  const [first, last] = [match[1], match[2]].map((s) => (s === '' ? undefined : Number(s)));
  if (![first, last].every((n) => n === undefined || Number.isSafeInteger(n))) return WHOLE;
  return first === undefined ? suffix(last as number, size) : fromStart(first, last, size);
}

/** The Content-Range value: `bytes a-b/size` for a 206; for a 416 an asterisk stands in for the range. */
export function contentRange(size: number, range?: ByteRange): string {
  return range ? `bytes ${range.start}-${range.end}/${size}` : `bytes */${size}`;
}
