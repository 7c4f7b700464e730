/**
 * Issue 12 (item 3): headroom of the two long functions against the timeout `cloudbaserc.json` gives them
 * (the emulator enforces the same file and kills an instance past it). Ingest of one 10-minute 16 kHz
 * segment of real speech (the platform recorder's own cap: a take with automatic cuts off), and finalize
 * of the longest recording an assignment allows (10 minutes, `maxDurationSec` ≤ 600) as the recorder
 * cuts it, 20 segments of 30 s, and of a 30-minute reading (60 segments). Target: the function's time is at most half its timeout (headroom ≥ 2×).
 * Each is measured on a warm instance, through the real function, over loopback.
 */
import path from 'node:path';
import { FunctionSettingsTable } from '../../emulator/functions/settings';
import type { EmulatorClient } from '../../emulator/client';
import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { encodeWav } from '../../pipeline/audio/wav';
import { startTestEmulator } from '../../harness/emulator';
import { callOk, newRecordingId, uploadWav } from '../../harness/pipeline';
import { speechOfLength } from '../../simulator/speech';
import type { BenchRow, BenchSection } from '../types';

const SECTION = 'timeouts';
const STUDENT = 'bench-timeouts';
const RATE = 16000;
const LONG_SEGMENT_S = 600;
const CUT_S = 30;
/**
 * The longest an assignment allows (`maxDurationSec` ≤ 600), and a 30-minute practice reading (nothing
 * caps a recording without an assignment but MAX_SEGMENTS; the pipeline bench's longest is this one).
 */
const LONGEST_RECORDINGS: Array<[seconds: number, why: string]> = [
  [600, 'the 10-minute assignment maximum'],
  [1800, 'a 30-minute reading without an assignment'],
];
const HEADROOM_TARGET = 2;

const settings = new FunctionSettingsTable(path.join(__dirname, '..', '..', 'cloudbaserc.json'));

/** Uploads the WAV as the phone does (not timed: the function's clock starts at the call). */
async function upload(client: EmulatorClient, recordingId: string, seq: number, audio: PcmAudio) {
  const fileID = await uploadWav(client, STUDENT, recordingId, seq, encodeWav(audio));
  return {
    recordingId,
    seq,
    fileID,
    durationMs: Math.round((audio.samples.length * 1000) / RATE),
    sampleRate: RATE,
    channels: 1,
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function headroomRows(name: string, what: string, ms: number): BenchRow[] {
  const timeoutMs = settings.of(name).timeoutMs;
  const headroom = timeoutMs / ms;
  return [
    { section: SECTION, metric: `${name}: ${what}`, value: ms, unit: 'ms', note: `timeout ${timeoutMs} ms` },
    {
      section: SECTION,
      metric: `${name}: headroom (configured timeout ÷ time)`,
      value: headroom,
      unit: '×',
      target: `≥ ${HEADROOM_TARGET}`,
      pass: headroom >= HEADROOM_TARGET,
    },
  ];
}

async function measure(client: EmulatorClient, speech: PcmAudio): Promise<BenchRow[]> {
  // Warm both instances: the first call of each loads its modules (a cold start is a separate cost).
  const warmId = newRecordingId();
  await callOk(
    client,
    STUDENT,
    'ingestSegment',
    await upload(client, warmId, 0, sliceFrames(speech, 0, RATE)),
  );
  await callOk(client, STUDENT, 'finalizeRecording', { recordingId: warmId, segmentCount: 1 });

  const longId = newRecordingId();
  const long = await upload(client, longId, 0, sliceFrames(speech, 0, LONG_SEGMENT_S * RATE));
  const ingestMs = await timed(() => callOk(client, STUDENT, 'ingestSegment', long));

  const rows = headroomRows('ingestSegment', `one ${LONG_SEGMENT_S / 60}-minute 16 kHz segment`, ingestMs);
  for (const [seconds, why] of LONGEST_RECORDINGS) {
    const count = seconds / CUT_S;
    const ms = await finalizeTimed(client, speech, count, true);
    rows.push(...headroomRows('finalizeRecording', `${count} × ${CUT_S} s (${why})`, ms));
  }
  // The worst case: the phone uploaded every WAV but only the first ingest ran (it creates the recording),
  // so finalize converts all the others itself.
  const [seconds, why] = LONGEST_RECORDINGS[0]!;
  const count = seconds / CUT_S;
  const ms = await finalizeTimed(client, speech, count, false);
  rows.push(
    ...headroomRows('finalizeRecording', `${count} × ${CUT_S} s, ${count - 1} never ingested (${why})`, ms),
  );
  return rows;
}

/** Uploads (and ingests) `count` segments of 30 s (the recorder's automatic cut), then times the finalize. */
async function finalizeTimed(
  client: EmulatorClient,
  speech: PcmAudio,
  count: number,
  ingest: boolean,
): Promise<number> {
  const recordingId = newRecordingId();
  const segmentsInSpeech = Math.floor(LONG_SEGMENT_S / CUT_S);
  for (let seq = 0; seq < count; seq++) {
    const at = (seq % segmentsInSpeech) * CUT_S * RATE;
    const part = sliceFrames(speech, at, at + CUT_S * RATE);
    const request = await upload(client, recordingId, seq, part);
    if (ingest || seq === 0) await callOk(client, STUDENT, 'ingestSegment', request);
  }
  return timed(() => callOk(client, STUDENT, 'finalizeRecording', { recordingId, segmentCount: count }));
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const emu = await startTestEmulator({ envId: 'bench-env' });
    try {
      const speech = await speechOfLength(LONG_SEGMENT_S, RATE, 1);
      return await measure(emu.client(), speech);
    } finally {
      await emu.stop();
    }
  },
};
export default section;
