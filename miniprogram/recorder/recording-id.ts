import type { ClockPort } from './port';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const RANDOM_CHARS = 16;

/** Time prefix (ids sort by creation) + 16 URL-safe characters carrying 96 random bits. */
export async function newRecordingId(clock: ClockPort): Promise<string> {
  const bytes = await clock.randomBytes(RANDOM_CHARS);
  let random = '';
  for (let i = 0; i < RANDOM_CHARS; i += 1) random += ALPHABET.charAt((bytes[i] ?? 0) & 63);
  return `${clock.now().toString(36)}${random}`;
}
