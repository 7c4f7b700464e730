/**
 * Issue 3 (c, d and ingest) and 13: finalizeRecording wall time for 1, 10 and 60 segments of 30 s (the
 * recorder's automatic cut: 60 segments is a 30-minute reading; the curve must be flat), ingestSegment end
 * to end for a 60 s 16 kHz segment, and the cold start of a bundled function.
 * Everything runs through the real cloud functions on a local emulator over loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { EmulatorClient } from '../../emulator/client';
import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { encodeWav } from '../../pipeline/audio/wav';
import { buildFunction, functionNames } from '../../scripts/build-functions';
import { nodeAppFor } from '../../harness/emulator';
import { callOk, newRecordingId, uploadWav } from '../../harness/pipeline';
import { setupDatabase } from '../../scripts/db-setup/setup-database';
import { speechOfLength } from '../../simulator/speech';
import { median, type BenchRow, type BenchSection } from '../types';

const SECTION = 'pipeline';
const STUDENT = 'bench-student';
const SEGMENT_SECONDS = 60;
/** Finalize is measured on segments as the recorder cuts them: every 30 s. */
const CUT_SECONDS = 30;
const FINALIZE_COUNTS = [1, 10, 60];
const RUNS = 3;

async function withEmulator<T>(
  mode: 'source' | 'bundle',
  work: (emu: RunningEmulator) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-pipeline-'));
  const emu = await startEmulator({ dataDir, port: 0, envId: 'bench-env', functionMode: mode });
  await setupDatabase(nodeAppFor(emu.url, emu.envId));
  try {
    return await work(emu);
  } finally {
    await emu.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function clientOf(emu: RunningEmulator): EmulatorClient {
  return new EmulatorClient({ url: emu.url, envId: emu.envId });
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** Upload then ingest, as the Mini Program does after a pause; answers the ms it took end to end. */
async function ingestTimed(
  client: EmulatorClient,
  recordingId: string,
  seq: number,
  wav: Buffer,
  audio: PcmAudio,
  seconds = SEGMENT_SECONDS,
) {
  return timed(async () => {
    const fileID = await uploadWav(client, STUDENT, recordingId, seq, wav);
    await callOk(client, STUDENT, 'ingestSegment', {
      recordingId,
      seq,
      fileID,
      durationMs: seconds * 1000,
      sampleRate: audio.sampleRate,
      channels: audio.channels,
    });
  });
}

async function measurePipeline(emu: RunningEmulator): Promise<BenchRow[]> {
  const client = clientOf(emu);
  const speech = await speechOfLength(SEGMENT_SECONDS * 2, 16000, 1);
  const segments = [0, 1].map((i) =>
    sliceFrames(speech, i * 16000 * SEGMENT_SECONDS, (i + 1) * 16000 * SEGMENT_SECONDS),
  );
  const wavs = segments.map((s) => encodeWav(s));
  const cuts = [0, 1].map((i) => sliceFrames(speech, i * 16000 * CUT_SECONDS, (i + 1) * 16000 * CUT_SECONDS));
  const cutWavs = cuts.map((s) => encodeWav(s));
  // Warm both function instances: the first call of each loads its modules.
  const warmId = newRecordingId();
  await ingestTimed(client, warmId, 0, wavs[0], segments[0]);
  await callOk(client, STUDENT, 'finalizeRecording', { recordingId: warmId, segmentCount: 1 });
  const ingestMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    ingestMs.push(await ingestTimed(client, newRecordingId(), 0, wavs[run % 2], segments[run % 2]));
  }
  const rows: BenchRow[] = [];
  for (const count of FINALIZE_COUNTS) {
    const finalizeMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const recordingId = newRecordingId();
      for (let seq = 0; seq < count; seq++) {
        await ingestTimed(client, recordingId, seq, cutWavs[seq % 2], cuts[seq % 2], CUT_SECONDS);
      }
      finalizeMs.push(
        await timed(() => callOk(client, STUDENT, 'finalizeRecording', { recordingId, segmentCount: count })),
      );
    }
    const value = median(finalizeMs);
    rows.push({
      section: SECTION,
      metric: `finalizeRecording, ${count} × ${CUT_SECONDS} s segments (median of ${RUNS})`,
      value,
      unit: 'ms',
      target: '≤ 1500',
      pass: value <= 1500,
    });
  }
  const ingest = median(ingestMs);
  rows.unshift({
    section: SECTION,
    metric: `upload + ingestSegment, 60 s 16 kHz mono (median of ${ingestMs.length})`,
    value: ingest,
    unit: 'ms',
    target: '≤ 1500',
    pass: ingest <= 1500,
  });
  return rows;
}

async function coldStart(): Promise<BenchRow> {
  for (const name of functionNames()) await buildFunction(name);
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    samples.push(
      await withEmulator('bundle', async (emu) => {
        const client = clientOf(emu);
        const cold = await timed(() => callOk(client, STUDENT, 'getStudentProfile', {}));
        const warm = await timed(() => callOk(client, STUDENT, 'getStudentProfile', {}));
        return cold - warm;
      }),
    );
  }
  return {
    section: SECTION,
    metric: `cold start of a bundled function (first call − warm call, median of ${RUNS})`,
    value: median(samples),
    unit: 'ms',
  };
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    const rows = await withEmulator('source', measurePipeline);
    rows.push(await coldStart());
    return rows;
  },
};
export default section;
