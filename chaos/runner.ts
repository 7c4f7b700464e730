/**
 * Runs one schedule: a fresh phone (its own student), every step in order, then "heal everything and
 * let it converge" (network back, faults off, emulator up, app stopped and relaunched, retries tapped),
 * then the invariant checks.
 */
// Node's own timers: the simulator puts the app's timers in the globals, and a killed app's never fire.
import { setTimeout, clearTimeout } from 'node:timers';
import type { EmulatorProcess } from '../harness/emulator-process';
import type { ModuleIsolator } from '../simulator/app/app-loader';
import { checkInvariants, type Verdict } from './invariants';
import { WatchedBackend } from './faulty-backend';
import { ChaosPhone } from './phone';
import type { Schedule, Step } from './schedule';
import { ServerFaults } from './server-faults';
import { settle } from './settle';

export interface ChaosWorld {
  emulator: EmulatorProcess;
  /** The microphone's speech (about 80 s), and a long one (over 10 minutes) for the cap. */
  wav(long: boolean): Promise<string>;
  isolate?: ModuleIsolator;
}

/** CHAOS_TRACE=1 prints each step as it starts (to find where a run hangs). */
const trace = (line: string) => process.env.CHAOS_TRACE && console.error(`[chaos] ${line}`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** The platform's cap plus a little: a `cap` step records until the take ends by itself. */
const CAP_MS = 600_000 + 2_000;

interface Run {
  phone: ChaosPhone;
  faults: ServerFaults;
  schedule: Schedule;
  timers: Set<NodeJS.Timeout>;
}

function later(run: Run, ms: number, action: () => void): void {
  const timer = setTimeout(() => {
    run.timers.delete(timer);
    action();
  }, ms);
  run.timers.add(timer);
}

/** Lets `ms` of audio reach the recorder, or gives up once nothing is recording. */
async function speak(run: Run, ms: number): Promise<void> {
  const { phone } = run;
  const target = phone.micFrames() + Math.round((ms * 16000) / 1000);
  const deadline = Date.now() + ms / run.schedule.settings.speed + 3000 + ms / 20;
  let idleSince: number | undefined;
  while (phone.isAlive && phone.micFrames() < target && Date.now() < deadline) {
    const state = phone.data()?.state;
    const live = state === 'recording' || state === 'starting';
    idleSince = live ? undefined : (idleSince ?? Date.now());
    if (idleSince !== undefined && Date.now() - idleSince > 100) return;
    await sleep(5);
  }
}

async function background(run: Run, ms: number): Promise<void> {
  const { phone, schedule } = run;
  const recording = phone.data()?.state === 'recording';
  if (recording && schedule.settings.whenHidden === 'stop-silently')
    phone.losses.push({ atFrame: phone.micFrames(), why: 'screen lock dropped the take' });
  phone.sim.hide();
  await sleep(ms);
  if (phone.isAlive) phone.sim.show();
}

type Action<K extends Step['kind']> = (run: Run, s: Extract<Step, { kind: K }>, index: number) => unknown;

/** What each step does; timed faults (offline, calls) end on their own while later steps run. */
const ACTIONS: { [K in Step['kind']]: Action<K> } = {
  tap: (run, s) => run.phone.tap(s.button),
  speak: (run, s) => speak(run, s.ms),
  wait: (_run, s) => sleep(s.ms),
  background: (run, s) => background(run, s.ms),
  kill: async (run, s, index) => {
    run.phone.kill(`kill -9 at step ${index + 1}`);
    await sleep(s.relaunchAfterMs);
    run.phone.launch();
  },
  killAfterWrite: (run, s) => run.phone.killAfterWrites(s.writes),
  killAtMilestone: (run, s) => run.phone.killAtMilestone(s.milestone),
  offline: (run, s) => {
    run.phone.sim.setOnline(false);
    later(run, s.ms, () => run.phone.sim.setOnline(true));
  },
  latency: (run, s) => (run.phone.sim.cloud.latencyMs = s.ms),
  failCalls: (run, s) => run.phone.sim.cloud.failNextCalls(s.name, s.count),
  failUploads: (run, s) => run.phone.sim.cloud.failNextUploads(s.count),
  callFault: (run, s) =>
    run.phone.sim.cloud.injectCall(
      s.name,
      s.fault === 'duplicate' ? s.fault : { kind: s.fault, phoneSees: s.phoneSees },
    ),
  uploadFault: (run, s) =>
    run.phone.sim.cloud.injectUpload(
      s.fault === 'duplicate' || s.fault === 'cut' ? s.fault : { kind: s.fault, phoneSees: s.phoneSees },
    ),
  uplink: (run, s) => run.phone.sim.cloud.setProfile(s.profile === 'ideal' ? null : s.profile),
  call: (run, s) => {
    run.phone.sim.beginInterruption();
    later(run, s.ms, () => run.phone.isAlive && run.phone.sim.endInterruption());
  },
  killFunction: (run, s) => run.faults.killFunction(s.name, s.afterMs),
  killEmulator: (run, s) => run.faults.killEmulator(s.during, s.afterMs, s.downMs),
  cap: (run) => speak(run, CAP_MS),
};

async function step(run: Run, s: Step, index: number): Promise<void> {
  await (ACTIONS[s.kind] as Action<Step['kind']>)(run, s as never, index);
}

export async function runSchedule(schedule: Schedule, world: ChaosWorld): Promise<Verdict> {
  const backend = new WatchedBackend(() => world.emulator.client());
  const openid = `chaos-${schedule.seed}-${Date.now().toString(36)}`;
  const phone = new ChaosPhone({
    openid,
    envId: world.emulator.envId,
    backend,
    wav: await world.wav(schedule.steps.some((s) => s.kind === 'cap')),
    settings: schedule.settings,
    ...(world.isolate ? { isolate: world.isolate } : {}),
  });
  const run: Run = { phone, faults: new ServerFaults(world.emulator, backend), schedule, timers: new Set() };
  try {
    await world.emulator
      .client()
      .callFunction({ name: 'saveStudentProfile', data: { name: '混沌', className: '测试班' }, openid });
    phone.launch();
    for (const [index, s] of schedule.steps.entries()) {
      trace(`step ${index + 1} ${s.kind}`);
      // A kill armed on a journal write fired: the student opens the app again.
      if (!phone.isAlive) phone.launch();
      await step(run, s, index);
    }
    for (const timer of run.timers) clearTimeout(timer);
    trace('settle');
    const healing = await settle(phone, run.faults);
    trace('check');
    const verdict = await checkInvariants({ phone, emulator: world.emulator, openid, schedule, healing });
    verdict.serverFaults = [...run.faults.done];
    verdict.kills = [...phone.kills];
    verdict.failedCalls = phone.sim.cloud.calls
      .filter((c) => !c.ok)
      .map((c) => `${c.api} ${c.target}: ${c.errMsg}`);
    return verdict;
  } finally {
    for (const timer of run.timers) clearTimeout(timer);
    await run.faults.heal();
    phone.dispose();
  }
}
