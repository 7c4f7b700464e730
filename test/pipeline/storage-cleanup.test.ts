import { spawn } from 'node:child_process';
import path from 'node:path';
import type { PcmAudio } from '../../pipeline/audio/pcm';
import { mp3FrameSamples } from '../../pipeline/audio/format';
import type { RecordingDoc } from '../../typings/documents';
import type { FinalizeRecordingResponse } from '../../typings/functions';
import { decodeMp3 } from '../../harness/audio-analysis';
import { startTestEmulator, type TestEmulator } from '../../harness/emulator';
import { callOk, ingestAudio, newRecordingId } from '../../harness/pipeline';
import { storedFiles, totalBytes } from '../../harness/stored-files';
import { speechOfLength } from '../../simulator/speech';
import { ODD_SEGMENTS_SECONDS, threeOddSegments } from './support/odd-segments';
import { storedRecording } from './support/stored';

const STUDENT = 'student-cleanup';
const SAMPLE_RATE = 16000;
let emu: TestEmulator;
let speech: PcmAudio;

beforeAll(async () => {
  emu = await startTestEmulator();
  speech = await speechOfLength(ODD_SEGMENTS_SECONDS, SAMPLE_RATE, 1);
});
afterAll(async () => {
  await emu.stop();
});

function segments(): PcmAudio[] {
  return threeOddSegments(speech);
}

async function ingestAll(recordingId: string, parts: PcmAudio[], skip: number[] = []): Promise<void> {
  for (const [seq, audio] of parts.entries()) {
    if (!skip.includes(seq)) await ingestAudio(emu.client(), STUDENT, recordingId, seq, audio);
  }
}

function finalize(recordingId: string, segmentCount: number) {
  return callOk<FinalizeRecordingResponse>(emu.client(), STUDENT, 'finalizeRecording', {
    recordingId,
    segmentCount,
  });
}

async function recordingDoc(recordingId: string): Promise<RecordingDoc> {
  return (await storedRecording(emu, recordingId)) as RecordingDoc;
}

async function fileNames(recordingId: string): Promise<string[]> {
  return (await storedFiles(emu.dataDir, STUDENT, recordingId)).map((f) => f.name);
}

const PLAYABLE = ['0.mp3', '1.mp3', '2.mp3', 'full.mp3'];

it('a ready recording keeps only full.mp3 and the segment MP3s, at most 2.2 times full.mp3', async () => {
  const recordingId = newRecordingId();
  const parts = segments();
  await ingestAll(recordingId, parts);
  const before = await storedFiles(emu.dataDir, STUDENT, recordingId);
  expect(before.map((f) => f.name)).toEqual([
    '0.chain',
    '0.mp3',
    '0.wav',
    '1.chain',
    '1.mp3',
    '1.wav',
    '2.chain',
    '2.mp3',
    '2.wav',
  ]);

  const result = await finalize(recordingId, parts.length);

  const after = await storedFiles(emu.dataDir, STUDENT, recordingId);
  expect(after.map((f) => f.name)).toEqual(PLAYABLE);
  const full = after.find((f) => f.name === 'full.mp3')!.bytes;
  expect(totalBytes(after)).toBeLessThanOrEqual(2.2 * full);
  expect(totalBytes(before)).toBeGreaterThan(5 * full);
  // What stays still plays, whole.
  // Read as the server does: under the owner-only rule no student owns a file a cloud function wrote.
  const { fileContent } = await emu.nodeApp().downloadFile({ fileID: result.fullMp3FileID! });
  const decoded = await decodeMp3(fileContent as Buffer);
  const sourceSamples = parts.reduce((n, p) => n + p.samples.length, 0);
  expect(Math.abs(decoded.samples.length - sourceSamples)).toBeLessThanOrEqual(mp3FrameSamples(SAMPLE_RATE));
  expect((await recordingDoc(recordingId)).cleanup).toMatchObject({ state: 'done', deletedFiles: 6 });
});

it('a partial recording keeps its sources until the missing segment arrives and it becomes ready', async () => {
  const recordingId = newRecordingId();
  const parts = segments();
  await ingestAll(recordingId, parts, [1]);

  expect(await finalize(recordingId, parts.length)).toMatchObject({ status: 'partial', missingSeqs: [1] });
  expect(await fileNames(recordingId)).toEqual([
    '0.chain',
    '0.mp3',
    '0.wav',
    '2.chain',
    '2.mp3',
    '2.wav',
    'full.mp3',
  ]);
  expect((await recordingDoc(recordingId)).cleanup).toBeUndefined();

  await ingestAudio(emu.client(), STUDENT, recordingId, 1, parts[1]!);
  expect(await finalize(recordingId, parts.length)).toMatchObject({ status: 'ready' });
  expect(await fileNames(recordingId)).toEqual(PLAYABLE);
});

function runKilledFinalize(recordingId: string, segmentCount: number, deletesBeforeKill: number) {
  const script = path.join(__dirname, 'support/finalize-killed.ts');
  const args = [emu.url, emu.envId, STUDENT, recordingId, String(segmentCount), String(deletesBeforeKill)];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
}

it('a cleanup killed half-way is resumed by the next finalize and ends with only what plays', async () => {
  const recordingId = newRecordingId();
  const parts = segments();
  await ingestAll(recordingId, parts);

  expect(await runKilledFinalize(recordingId, parts.length, 2)).toBe('SIGKILL');

  const cut = await recordingDoc(recordingId);
  expect(cut).toMatchObject({ status: 'ready', cleanup: { state: 'deleting' } });
  expect(cut.cleanup!.fileIDs).toHaveLength(6);
  expect(await fileNames(recordingId)).toHaveLength(8);

  const again = await finalize(recordingId, parts.length);
  expect(again).toMatchObject({ status: 'ready', fullMp3FileID: cut.fullMp3FileID });
  expect(await fileNames(recordingId)).toEqual(PLAYABLE);
  expect((await recordingDoc(recordingId)).cleanup).toMatchObject({ state: 'done', deletedFiles: 6 });
});
