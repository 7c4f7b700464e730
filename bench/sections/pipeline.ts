/**
 * Issue 3 (c, d and ingest): finalizeRecording wall time for 1, 5 and 10 segments of 60 s (the curve must
 * be flat), ingestSegment end to end for a 60 s 16 kHz segment, and the cold start of a bundled function.
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
) {
  return timed(async () => {
    const fileID = await uploadWav(client, STUDENT, recordingId, seq, wav);
    await callOk(client, STUDENT, 'ingestSegment', {
      recordingId,
      seq,
      fileID,
      durationMs: SEGMENT_SECONDS * 1000,
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
  await ingestTimed(client, newRecordingId(), 0, wavs[0], segments[0]); // warm the function instance
  const ingestMs: number[] = [];
  const rows: BenchRow[] = [];
  for (const count of [1, 5, 10]) {
    const finalizeMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const recordingId = newRecordingId();
      for (let seq = 0; seq < count; seq++) {
        ingestMs.push(await ingestTimed(client, recordingId, seq, wavs[seq % 2], segments[seq % 2]));
      }
      finalizeMs.push(
        await timed(() => callOk(client, STUDENT, 'finalizeRecording', { recordingId, segmentCount: count })),
      );
    }
    const value = median(finalizeMs);
    rows.push({
      section: SECTION,
      metric: `finalizeRecording, ${count} × 60 s segments (median of ${RUNS})`,
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
