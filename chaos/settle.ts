/**
 * "Heal everything, let it converge": the network comes back, no request is lost any more (a server fault
 * armed for a call still lands when that call comes, and the emulator comes back by itself), the student stops whatever still records, relaunches the app (recovery runs every waiting retry
 * at once) and taps retry on anything that gave up. Only then are the invariants checked.
 */
// Node's own timers: the simulator puts the app's timers in the globals, and a killed app's never fire.
import { setTimeout } from 'node:timers';
import type { RecordingEntry } from '../miniprogram/recorder/journal-types';
import type { ChaosPhone } from './phone';
import type { ServerFaults } from './server-faults';

const SETTLE_TIMEOUT_MS = 180_000;
const LIVE_STATES = new Set(['starting', 'recording', 'paused', 'stopping']);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Healing {
  settled: boolean;
  /** Retry taps the student needed after automatic retries gave up. */
  retryTaps: number;
  /** What the journal still says when it did not settle. */
  pending: string[];
}

async function stopRecording(phone: ChaosPhone): Promise<void> {
  const state = () => phone.data()?.state ?? 'idle';
  if (!LIVE_STATES.has(state())) return;
  if (state() !== 'stopping') await phone.tap('stop');
  const deadline = Date.now() + 30_000;
  while (LIVE_STATES.has(state()) && Date.now() < deadline) await sleep(10);
}

/** Taps retry on what waits for the student; returns how many taps that took. */
function tapRetries(phone: ChaosPhone, entry: RecordingEntry): number {
  const stuck = entry.segments.filter(
    (s) => (s.upload === 'failed' || s.server === 'failed') && s.nextAttemptAt === undefined,
  );
  const finalizeStuck =
    entry.phase === 'finalizing' &&
    entry.finalize.lastError !== undefined &&
    entry.finalize.nextAttemptAt === undefined;
  const targets = stuck.length > 0 ? stuck : finalizeStuck ? entry.segments.slice(-1) : [];
  for (const segment of targets) {
    if (!phone.isAlive) break;
    try {
      phone.core().retrySegment(entry.recordingId, segment.seq);
    } catch (err) {
      // A milestone kill landed inside the tap: the app died under the student's finger.
      if (phone.isAlive) throw err;
    }
  }
  return targets.length;
}

function describe(entry: RecordingEntry): string {
  // Each segment's last error too: a segment that never settles says why (seed 16539 did not).
  const segments = entry.segments
    .map(
      (s) => `${s.seq}:${s.local}/${s.upload}/${s.server}${s.lastError ? ` (${s.lastError.message})` : ''}`,
    )
    .join(' ');
  return `${entry.recordingId} ${entry.phase} [${segments}] finalize attempts ${entry.finalize.attempts}${
    entry.finalize.lastError ? ` (${entry.finalize.lastError.message})` : ''
  }`;
}

export async function settle(phone: ChaosPhone, faults: ServerFaults): Promise<Healing> {
  phone.disarmCountedKill();
  const sim = phone.sim;
  sim.setOnline(true);
  sim.cloud.latencyMs = 0;
  sim.cloud.clearScheduled();
  sim.cloud.setProfile(null);
  // A server fault armed for a call that has not come yet stays armed: it lands during the settling,
  // which the client must survive as well. The emulator comes back on its own after its down time.
  if (!phone.isAlive) phone.launch();
  sim.endInterruption();
  sim.show();
  await stopRecording(phone);
  if (!phone.isAlive) phone.launch();
  phone.relaunch();
  let retryTaps = 0;
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  let lastTapAt = 0;
  for (;;) {
    // A milestone kill still armed may land while settling: the student opens the app again.
    if (!phone.isAlive) phone.launch();
    const open = phone
      .core()
      .recordings()
      .filter((e) => e.phase !== 'finalized');
    if (open.length === 0) {
      // Work the phone gave up waiting for (a reply lost, a duplicate) finishes before anything is checked.
      await sim.cloud.serverIdle();
      await faults.heal();
      return { settled: true, retryTaps, pending: [] };
    }
    if (Date.now() > deadline) {
      await faults.heal();
      return { settled: false, retryTaps, pending: open.map(describe) };
    }
    if (Date.now() - lastTapAt > 1000) {
      const taps = open.reduce((n, entry) => n + tapRetries(phone, entry), 0);
      if (taps > 0) lastTapAt = Date.now();
      retryTaps += taps;
    }
    await sleep(20);
  }
}
