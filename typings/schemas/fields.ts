/** Field schemas several payloads share, so a recording id or an assignment id means one thing everywhere. */
import { Type, type TUnsafe } from '@sinclair/typebox';
import { RECORDING_ID_PATTERN } from '../paths';

/** Ids the client makes (recordings): 16–64 URL-safe characters. */
export const RecordingId = Type.String({
  pattern: RECORDING_ID_PATTERN.source,
  description: '16–64 URL-safe characters',
});

/** Ids the server makes (assignments, teachers, comments): up to 64 URL-safe characters. */
export const ShortId = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'up to 64 URL-safe characters',
});

/** A whole number from `minimum` to `maximum`. */
export const Int = (minimum: number, maximum?: number) =>
  Type.Integer(maximum === undefined ? { minimum } : { minimum, maximum });

/** Printable text with something in it: a name, a class, a title. */
export const Text = (maxLength: number) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', description: 'more than spaces' });

/** Exactly one of these values (a JSON Schema enum, so an error can list them). */
export const OneOf = <T extends string | number>(values: readonly T[]): TUnsafe<T> =>
  Type.Unsafe<T>({ enum: [...values] });
