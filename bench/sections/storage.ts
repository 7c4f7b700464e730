/**
 * Issue 18: what a recording occupies in storage before finalize (sources, chain pieces, segment MP3s)
 * and once it is ready (full.mp3 and the segment MP3s), for one minute of speech cut into 1, 10 and 60
 * segments. Bytes are read from the emulator's disk, so they are exactly what storage holds; the ratio is
 * against full.mp3 (target ≤ 2.2× with segment MP3s kept, see pipeline/recordings/README.md).
 */
import type { EmulatorClient } from '../../emulator/client';
import { startTestEmulator } from '../../harness/emulator';
import { sliceFrames, type PcmAudio } from '../../pipeline/audio/pcm';
import { callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { storedFiles, totalBytes } from '../../harness/stored-files';
import { speechOfLength } from '../../simulator/speech';
import type { BenchRow, BenchSection } from '../types';

const SECTION = 'storage';
const STUDENT = 'bench-storage';
const SAMPLE_RATE = 16000;
const MINUTE = 60 * SAMPLE_RATE;

async function measure(client: EmulatorClient, dataDir: string, speech: PcmAudio, segments: number) {
  const recordingId = newRecordingId();
  const cut = (i: number) => Math.round((i * MINUTE) / segments);
  for (let seq = 0; seq < segments; seq++) {
    await ingestAudio(client, STUDENT, recordingId, seq, sliceFrames(speech, cut(seq), cut(seq + 1)));
  }
  const before = totalBytes(await storedFiles(dataDir, STUDENT, recordingId));
  await callOk(client, STUDENT, 'finalizeRecording', { recordingId, segmentCount: segments });
  const after = await storedFiles(dataDir, STUDENT, recordingId);
  const full = after.find((f) => f.name === 'full.mp3')?.bytes ?? NaN;
  return { before, after: totalBytes(after), full };
}

function rows(segments: number, m: { before: number; after: number; full: number }): BenchRow[] {
  const ratio = m.after / m.full;
  const label = `1 min in ${segments} segment${segments === 1 ? '' : 's'}`;
  return [
    { section: SECTION, metric: `${label}: stored before finalize`, value: m.before, unit: 'B' },
    { section: SECTION, metric: `${label}: stored when ready`, value: m.after, unit: 'B' },
    { section: SECTION, metric: `${label}: full.mp3`, value: m.full, unit: 'B' },
    {
      section: SECTION,
      metric: `${label}: stored when ready / full.mp3`,
      value: ratio,
      unit: '×',
      target: '≤ 2.2',
      pass: ratio <= 2.2,
      note: `before finalize ${(m.before / m.full).toFixed(1)}×`,
    },
  ];
}

const section: BenchSection = {
  name: SECTION,
  async run() {
    // The harness creates the declared collections first, as `npm run db:setup` does on a deployment.
    const emu = await startTestEmulator({ envId: 'bench-env' });
    try {
      const client = emu.client();
      const speech = await speechOfLength(61, SAMPLE_RATE, 1);
      const out: BenchRow[] = [];
      for (const segments of [1, 10, 60])
        out.push(...rows(segments, await measure(client, emu.dataDir, speech, segments)));
      return out;
    } finally {
      await emu.stop();
    }
  },
};

export default section;
