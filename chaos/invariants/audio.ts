/**
 * Invariant (a), no audio lost: the recording's full MP3, decoded, must be the microphone's stream for
 * that recording, each sample once and in order, except at most 1 s just before a loss event (a kill,
 * a take the screen lock dropped, a recorder error). Sample accounting from the segment documents, then
 * each segment located in the microphone's stream by correlation at its start and at its end: a segment
 * that starts early duplicates audio, one that starts late (with no loss event there) dropped audio.
 */
import { decodeMp3, monoFloat } from '../../harness/audio-analysis';
import type { SegmentDoc } from '../../typings/documents';

/** One MPEG-2 layer III frame at 16 kHz: the tolerance at a join. */
export const FRAME = 576;
const RATE = 16000;
const LOSS_ALLOWANCE = RATE; // 1 s
const WINDOW = 1600; // 100 ms
const MIN_CORRELATION = 0.6;
const WIDE_SEARCH = 24000; // 1.5 s

export interface AudioInput {
  recordingId: string;
  mp3: Uint8Array;
  segments: SegmentDoc[];
  /** The microphone's samples that went to this recording. */
  expected: Int16Array;
  /** Loss events inside this recording, relative to its first sample. */
  lossPoints: number[];
}

export interface AudioResult {
  violations: string[];
  /** Samples lost before each loss event of this recording (measured). */
  lossesMs: number[];
  /** Windows that held too little speech to locate (checked by accounting only). */
  unverified: number;
}

function energy(x: Float64Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += (x[i] ?? 0) ** 2;
  return sum / length;
}

/** Best match of decoded[at, at+WINDOW) in expected at offsets [from, to]. */
function locate(decoded: Float64Array, at: number, expected: Float64Array, from: number, to: number) {
  let best = { offset: from, correlation: -Infinity };
  let ed = 0;
  for (let i = 0; i < WINDOW; i++) ed += (decoded[at + i] ?? 0) ** 2;
  for (let o = Math.max(0, from); o <= Math.min(to, expected.length - WINDOW); o++) {
    let dot = 0;
    let ee = 0;
    for (let i = 0; i < WINDOW; i++) {
      const e = expected[o + i] ?? 0;
      dot += (decoded[at + i] ?? 0) * e;
      ee += e * e;
    }
    const c = ed > 0 && ee > 0 ? dot / Math.sqrt(ed * ee) : 0;
    if (c > best.correlation) best = { offset: o, correlation: c };
  }
  return best;
}

/** The loudest 100 ms window in [from, to) of the decoded audio, if it holds speech. */
function speechWindow(decoded: Float64Array, from: number, to: number, level: number): number | undefined {
  let best: { at: number; e: number } | undefined;
  for (let at = from; at + WINDOW <= to; at += WINDOW / 4) {
    const e = energy(decoded, at, WINDOW);
    if (!best || e > best.e) best = { at, e };
  }
  return best && best.e >= level ? best.at : undefined;
}

function lossNear(points: number[], from: number, to: number): number | undefined {
  return points.find((p) => p >= from - FRAME && p <= to + FRAME);
}

interface Cursor {
  /** Where in the expected stream the next segment should start. */
  next: number;
  /** Where in the decoded audio it starts. */
  decodedAt: number;
}

export async function checkAudio(input: AudioInput): Promise<AudioResult> {
  const result: AudioResult = { violations: [], lossesMs: [], unverified: 0 };
  const decoded = monoFloat(await decodeMp3(input.mp3));
  const expected = Float64Array.from(input.expected);
  const total = input.segments.reduce((n, s) => n + s.samples, 0);
  const id = input.recordingId;
  if (Math.abs(decoded.length - total) > FRAME)
    result.violations.push(
      `(a) ${id}: full MP3 decodes to ${decoded.length} samples, its segments hold ${total}`,
    );
  if (total > expected.length + FRAME)
    result.violations.push(
      `(a) ${id}: ${total} samples recorded, the microphone gave ${expected.length}: audio doubled`,
    );
  const level = 0.02 * energy(expected, 0, expected.length);
  const cursor: Cursor = { next: 0, decodedAt: 0 };
  for (const segment of input.segments)
    placeSegment(segment, cursor, { decoded, expected, level, input, result });
  const tail = expected.length - cursor.next;
  judgeGap(tail, cursor.next, expected.length, input, result, 'at the end');
  return result;
}

interface Context {
  decoded: Float64Array;
  expected: Float64Array;
  level: number;
  input: AudioInput;
  result: AudioResult;
}

function judgeGap(
  gap: number,
  from: number,
  to: number,
  input: AudioInput,
  result: AudioResult,
  where: string,
) {
  const ms = Math.round((Math.abs(gap) * 1000) / RATE);
  if (gap < -FRAME) {
    result.violations.push(`(a) ${input.recordingId}: ${ms} ms of audio doubled ${where}`);
    return;
  }
  const loss = lossNear(input.lossPoints, to, to);
  // What each kill cost, even nothing: the report's "worst loss per kill".
  if (loss !== undefined) result.lossesMs.push((Math.max(0, gap) * 1000) / RATE);
  if (gap <= FRAME) return;
  if (loss === undefined) {
    result.violations.push(
      `(a) ${input.recordingId}: ${ms} ms lost ${where} (mic ${from}..${to}) with no kill there`,
    );
  } else if (gap > LOSS_ALLOWANCE + FRAME) {
    result.violations.push(`(a) ${input.recordingId}: ${ms} ms lost before a kill ${where} (max 1000)`);
  }
}

/**
 * Where the segment's speech window (`into` samples after its start) is in the microphone's stream:
 * (`head` in the decoded audio): first where it belongs (± 1 frame, up to 1 s later after a loss event), then, to tell a lost stretch
 * from a doubled one, anywhere within 1.5 s.
 */
function findStart(ctx: Context, head: number, into: number, next: number) {
  const { decoded, expected, input } = ctx;
  const lossAhead = lossNear(input.lossPoints, next, next + LOSS_ALLOWANCE);
  const reach = lossAhead !== undefined ? LOSS_ALLOWANCE + 2 * FRAME : FRAME;
  const near = locate(decoded, head, expected, next + into - FRAME, next + into + reach);
  if (near.correlation >= MIN_CORRELATION) return near;
  return locate(decoded, head, expected, next + into - WIDE_SEARCH, next + into + WIDE_SEARCH);
}

function placeSegment(segment: SegmentDoc, cursor: Cursor, ctx: Context): void {
  const { decoded, expected, level, input, result } = ctx;
  const from = cursor.decodedAt;
  const to = from + segment.samples;
  cursor.decodedAt = to;
  const head = speechWindow(decoded, from, Math.min(to, from + RATE), level);
  if (head === undefined) {
    result.unverified += 1;
    cursor.next += segment.samples;
    return;
  }
  const found = findStart(ctx, head, head - from, cursor.next);
  if (found.correlation < MIN_CORRELATION) {
    result.violations.push(
      `(a) ${input.recordingId}: segment ${segment.seq} is not the microphone's audio near where it belongs (best correlation ${found.correlation.toFixed(2)})`,
    );
    cursor.next += segment.samples;
    return;
  }
  const start = found.offset - (head - from);
  judgeGap(start - cursor.next, cursor.next, start, input, result, `before segment ${segment.seq}`);
  const tailWindow = speechWindow(decoded, Math.max(from, to - RATE), to, level);
  if (tailWindow !== undefined && tailWindow !== head) {
    const expectedAt = start + (tailWindow - from);
    const end = locate(decoded, tailWindow, expected, expectedAt - FRAME, expectedAt + FRAME);
    if (end.correlation < MIN_CORRELATION)
      result.violations.push(
        `(a) ${input.recordingId}: segment ${segment.seq} does not end as the microphone's audio`,
      );
  }
  cursor.next = start + segment.samples;
}
