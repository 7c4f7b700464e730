/**
 * The invariants checked after every schedule, once everything healed and settled:
 * (a) no audio lost, (b) every recording ends ready, (c) one document and one file per segment,
 * (d) no local leftovers, (e) wx storage within budget throughout.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EmulatorProcess } from '../../harness/emulator-process';
import { USER_DATA_PATH } from '../../simulator';
import { JOURNAL_KEYS } from '../../miniprogram/recorder/journal';
import type { RecordingDoc } from '../../typings/documents';
import type { ChaosPhone } from '../phone';
import type { Schedule } from '../schedule';
import type { Healing } from '../settle';
import { checkAudio, FRAME } from './audio';
import { cloudState, filesRoot, type CloudState } from './cloud-state';

export interface Verdict {
  seed: number;
  violations: string[];
  /** Audio lost before each loss event (ms), measured. */
  lossesMs: number[];
  recordings: number;
  segments: number;
  retryTaps: number;
  serverFaults: string[];
  /** Every kill (and other loss event) of the app, why and where. */
  kills: string[];
  /** wx.cloud calls that failed on the phone (what the faults cost), for tests and the report. */
  failedCalls: string[];
}

export interface CheckInput {
  phone: ChaosPhone;
  emulator: EmulatorProcess;
  openid: string;
  schedule: Schedule;
  healing: Healing;
}

const SEGMENT_FILE = /^(\d+)\.(wav|mp3|chain)$/;

/**
 * (c) one segment document per seq 0..n-1, and each seq's .wav and .mp3, nothing else but full.mp3.
 * Once a ready recording's cleanup is done (pipeline/recordings/cleanup.ts) its sources are gone on
 * purpose: then each seq's .mp3 and no .wav or .chain.
 */
function checkCloudSegments(doc: RecordingDoc, state: CloudState): string[] {
  const out: string[] = [];
  const docs = state.segments.get(doc._id) ?? [];
  const seqs = docs.map((d) => d.seq);
  const wanted = Array.from({ length: doc.segmentCount }, (_, i) => i);
  if (JSON.stringify(seqs) !== JSON.stringify(wanted))
    out.push(
      `(c) ${doc._id}: segment documents ${JSON.stringify(seqs)}, expected seqs ${JSON.stringify(wanted)}`,
    );
  return [...out, ...checkCloudFiles(doc, state.files.get(doc._id) ?? [], wanted)];
}

function checkCloudFiles(doc: RecordingDoc, names: string[], wanted: number[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const match = SEGMENT_FILE.exec(name);
    if (name === 'full.mp3') continue;
    if (!match || Number(match[1]) >= doc.segmentCount) out.push(`(c) ${doc._id}: unexpected file ${name}`);
  }
  const cleaned = doc.cleanup?.state === 'done';
  const exts = cleaned ? ['mp3'] : ['wav', 'mp3'];
  const absent = wanted
    .flatMap((seq) => exts.map((ext) => `${seq}.${ext}`))
    .filter((n) => !names.includes(n));
  const leftOver = cleaned ? names.filter((n) => /\.(wav|chain)$/.test(n)) : [];
  return [
    ...out,
    ...absent.map((n) => `(c) ${doc._id}: no ${n} in storage`),
    ...leftOver.map((n) => `(c) ${doc._id}: ${n} left after cleanup`),
  ];
}

/** (d) no audio files under the recorder's folder, no unfinished journal entry, no segment holding a file. */
function checkLocal(phone: ChaosPhone): string[] {
  const out: string[] = [];
  const root = phone.sim.realPath(`${USER_DATA_PATH}/recorder`);
  const walk = (dir: string): string[] => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.flatMap((n) => {
      const full = path.join(dir, n);
      return statSync(full).isDirectory() ? walk(full) : [path.relative(root, full)];
    });
  };
  for (const file of walk(root)) out.push(`(d) local file left behind: recorder/${file}`);
  out.push(...orphanJournalKeys(phone));
  for (const entry of phone.core().recordings()) {
    if (entry.phase !== 'finalized') out.push(`(d) journal entry ${entry.recordingId} left ${entry.phase}`);
    for (const s of entry.segments)
      if (s.localFile) out.push(`(d) journal: ${entry.recordingId}:${s.seq} still points at ${s.localFile}`);
  }
  return out;
}

/** (d) journal keys in wx storage that the index does not name: no launch would ever remove them. */
function orphanJournalKeys(phone: ChaosPhone): string[] {
  const { storage } = phone.sim;
  const raw = storage.get(JOURNAL_KEYS.index);
  const named = new Set(
    typeof raw === 'string' ? ((JSON.parse(raw) as { recordingIds?: string[] }).recordingIds ?? []) : [],
  );
  const prefix = JOURNAL_KEYS.recording('');
  return storage
    .info()
    .keys.filter((key) => key.startsWith(prefix) && !named.has(key.slice(prefix.length)))
    .map((key) => `(d) wx storage keeps ${key}, which the journal's index does not name`);
}

async function checkRecording(
  doc: RecordingDoc,
  input: CheckInput,
  state: CloudState,
  verdict: Verdict,
): Promise<void> {
  const { phone, emulator, openid } = input;
  if (doc.status !== 'ready') {
    verdict.violations.push(
      `(b) ${doc._id} ends ${doc.status} (missingSeqs ${JSON.stringify(doc.missingSeqs ?? [])})`,
    );
    return;
  }
  const range = phone.recordingRanges().get(doc._id);
  const mic = phone.sim.mic;
  if (!range || !mic) {
    verdict.violations.push(`(a) ${doc._id}: in the cloud, but the microphone never recorded for it`);
    return;
  }
  const mp3 = readFileSync(path.join(filesRoot(emulator, openid), doc._id, 'full.mp3'));
  const audio = await checkAudio({
    recordingId: doc._id,
    mp3,
    segments: state.segments.get(doc._id) ?? [],
    expected: mic.delivered(range.start, range.end, 16000, 1),
    lossPoints: phone.losses
      .map((l) => l.atFrame - range.start)
      .filter((p) => p >= -FRAME && p <= range.end - range.start + FRAME),
  });
  verdict.violations.push(...audio.violations);
  verdict.lossesMs.push(...audio.lossesMs);
}

/** A recording the microphone fed more than a kill may lose must be in the cloud. */
function checkNothingMissing(input: CheckInput, state: CloudState): string[] {
  const inCloud = new Set(state.recordings.map((r) => r._id));
  const out: string[] = [];
  for (const [id, range] of input.phone.recordingRanges()) {
    if (inCloud.has(id)) continue;
    const frames = range.end - range.start;
    const killed = input.phone.losses.some(
      (l) => l.atFrame >= range.end - FRAME && l.atFrame <= range.end + FRAME,
    );
    if (!killed || frames > 16000 + FRAME)
      out.push(`(b) recording ${id} (${Math.round(frames / 16)} ms of audio) never reached the cloud`);
  }
  return out;
}

export async function checkInvariants(input: CheckInput): Promise<Verdict> {
  const verdict: Verdict = {
    seed: input.schedule.seed,
    violations: [],
    lossesMs: [],
    recordings: 0,
    segments: 0,
    retryTaps: input.healing.retryTaps,
    serverFaults: [],
    kills: [],
    failedCalls: [],
  };
  if (!input.healing.settled) {
    verdict.violations.push(`(b) did not settle: ${input.healing.pending.join('; ')}`);
  }
  const state = await cloudState(input.emulator, input.openid);
  verdict.recordings = state.recordings.length;
  for (const doc of state.recordings) {
    verdict.segments += doc.segmentCount;
    verdict.violations.push(...checkCloudSegments(doc, state));
    await checkRecording(doc, input, state, verdict);
  }
  verdict.violations.push(...checkNothingMissing(input, state));
  verdict.violations.push(...checkLocal(input.phone));
  verdict.violations.push(...input.phone.budgetBreaches.slice(0, 3).map((b) => `(e) ${b}`));
  return verdict;
}
