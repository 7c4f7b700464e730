/**
 * One seed → one schedule: the settings of the phone and a list of steps (taps, app life, network,
 * recorder and server faults), drawn from a seeded PRNG. A small model of the page state keeps most taps
 * meaningful (pause while recording, resume while paused) without making the schedule depend on timing.
 */
import { Prng } from './prng';

export type TapButton = 'record' | 'pause' | 'resume' | 'stop';
export type ServerFunction = 'ingestSegment' | 'finalizeRecording';
export type HiddenMode = 'stop' | 'pause' | 'stop-silently';
/** The strict simulator's network faults (simulator/cloud/cloud-faults.ts). */
export type CallFault = 'lost-before' | 'reply-lost' | 'duplicate';
export type UploadFault = CallFault | 'cut';
export type Uplink = '4g' | '3g' | 'ideal';
/** Journal milestones: a segment sealed, its upload started or done, its MP3 confirmed; a recording finalized. */
export type Milestone = 'sealed' | 'uploading' | 'uploaded' | 'converted' | 'finalized';

export type Step =
  | { kind: 'tap'; button: TapButton }
  /** Lets `ms` of microphone audio in (just waits when nothing records). */
  | { kind: 'speak'; ms: number }
  | { kind: 'wait'; ms: number }
  /** Home button: hidden for `ms`, then shown again. */
  | { kind: 'background'; ms: number }
  /** The app process dies (kill -9); the student opens it again after `ms`. */
  | { kind: 'kill'; relaunchAfterMs: number }
  /** The app dies right after its `writes`-th journal write from now, before the next statement runs. */
  | { kind: 'killAfterWrite'; writes: number }
  /** The app dies inside the journal write that first records `milestone`, before the side effect after it. */
  | { kind: 'killAtMilestone'; milestone: Milestone }
  /** The network drops for `ms` (the schedule goes on meanwhile). */
  | { kind: 'offline'; ms: number }
  | { kind: 'latency'; ms: number }
  /** The next `count` calls of a function are lost before they leave the phone. */
  | { kind: 'failCalls'; name: ServerFunction; count: number }
  | { kind: 'failUploads'; count: number }
  /** The next call of `name` is lost on the way, loses its reply after the work, or arrives twice. */
  | { kind: 'callFault'; name: ServerFunction; fault: CallFault; phoneSees: 'reset' | 'timeout' }
  /** The next upload is lost, loses its reply, arrives twice, or is cut midway. */
  | { kind: 'uploadFault'; fault: UploadFault; phoneSees: 'reset' | 'timeout' }
  | { kind: 'uplink'; profile: Uplink }
  /** A phone call for `ms`. */
  | { kind: 'call'; ms: number }
  /** The instance serving the next call of `name` is killed with SIGKILL `afterMs` into the call. */
  | { kind: 'killFunction'; name: ServerFunction; afterMs: number }
  /** The emulator is killed with SIGKILL (now, or `afterMs` into the next call of a function), down for `downMs`. */
  | { kind: 'killEmulator'; during: 'now' | ServerFunction; afterMs: number; downMs: number }
  /** Records on until the platform's 10-minute cap ends the take by itself. */
  | { kind: 'cap' };

export interface ScheduleSettings {
  /** Simulator speed (× real time). */
  speed: number;
  whenHidden: HiddenMode;
  /** Free bytes left in wx storage by other data of the app; undefined = plenty. */
  storageFreeBytes?: number;
  /** Free bytes left under the 200 MB file quota; undefined = plenty. */
  fileFreeBytes?: number;
  /** wx.cloud's client timeout for calls and uploads (wall ms); undefined = the platform's 35 s / 60 s. */
  clientTimeoutMs?: number;
}

export interface Schedule {
  seed: number;
  settings: ScheduleSettings;
  steps: Step[];
}

type ModelState = 'idle' | 'recording' | 'paused';

/** A tap that makes sense in `state` most of the time, now and then one that does not. */
function pickTap(rng: Prng, state: ModelState): TapButton {
  if (rng.chance(0.08))
    return rng.weighted<TapButton>([
      ['record', 1],
      ['pause', 1],
      ['resume', 1],
      ['stop', 1],
    ]);
  if (state === 'idle') return 'record';
  if (state === 'recording')
    return rng.weighted<TapButton>([
      ['pause', 3],
      ['stop', 1],
    ]);
  return rng.weighted<TapButton>([
    ['resume', 3],
    ['stop', 1],
  ]);
}

function nextState(state: ModelState, step: Step): ModelState {
  if (step.kind === 'kill' || step.kind === 'killAfterWrite' || step.kind === 'killAtMilestone')
    return 'idle';
  if (step.kind === 'call' || step.kind === 'background') return state === 'recording' ? 'paused' : state;
  if (step.kind !== 'tap') return state;
  const moves: Record<TapButton, Partial<Record<ModelState, ModelState>>> = {
    record: { idle: 'recording' },
    pause: { recording: 'paused' },
    resume: { paused: 'recording' },
    stop: { recording: 'idle', paused: 'idle' },
  };
  return moves[step.button][state] ?? state;
}

const FUNCTIONS: ReadonlyArray<readonly [ServerFunction, number]> = [
  ['ingestSegment', 3],
  ['finalizeRecording', 1],
];

type StepMaker = (rng: Prng, state: ModelState) => Step;

/** Taps and speech, weighted by the page state: mostly speech while recording, mostly taps otherwise. */
function pageMakers(state: ModelState): ReadonlyArray<readonly [StepMaker, number]> {
  const recording = state === 'recording';
  return [
    [(rng, s) => ({ kind: 'tap', button: pickTap(rng, s) }), recording ? 5 : 9],
    [(rng) => ({ kind: 'speak', ms: rng.int(200, 3000) }), recording ? 12 : 1],
  ];
}

const MAKERS: ReadonlyArray<readonly [StepMaker, number]> = [
  [(rng) => ({ kind: 'wait', ms: rng.int(20, 1200) }), 2],
  [(rng) => ({ kind: 'background', ms: rng.int(50, 1500) }), 1.2],
  [(rng) => ({ kind: 'kill', relaunchAfterMs: rng.int(0, 800) }), 1],
  [(rng) => ({ kind: 'killAfterWrite', writes: rng.int(1, 8) }), 1.2],
  [
    (rng) => ({
      kind: 'killAtMilestone',
      milestone: rng.weighted<Milestone>([
        ['sealed', 1],
        ['uploading', 1],
        ['uploaded', 1],
        ['converted', 1],
        ['finalized', 1],
      ]),
    }),
    1,
  ],
  [(rng) => ({ kind: 'offline', ms: rng.int(100, 3000) }), 1.5],
  [
    (rng) => ({
      kind: 'latency',
      ms: rng.weighted([
        [0, 2],
        [rng.int(20, 200), 2],
        [rng.int(200, 800), 1],
      ]),
    }),
    1,
  ],
  [(rng) => ({ kind: 'failCalls', name: rng.weighted(FUNCTIONS), count: rng.int(1, 2) }), 1],
  [(rng) => ({ kind: 'failUploads', count: rng.int(1, 2) }), 1],
  [(rng) => ({ kind: 'call', ms: rng.int(100, 2000) }), 1],
  [
    (rng) => ({
      kind: 'callFault',
      name: rng.weighted(FUNCTIONS),
      fault: rng.weighted<CallFault>([
        ['lost-before', 1],
        ['reply-lost', 2],
        ['duplicate', 2],
      ]),
      phoneSees: rng.weighted<'reset' | 'timeout'>([
        ['reset', 3],
        ['timeout', 1],
      ]),
    }),
    1.5,
  ],
  [
    (rng) => ({
      kind: 'uploadFault',
      fault: rng.weighted<UploadFault>([
        ['lost-before', 1],
        ['reply-lost', 2],
        ['duplicate', 1],
        ['cut', 2],
      ]),
      phoneSees: rng.weighted<'reset' | 'timeout'>([
        ['reset', 3],
        ['timeout', 1],
      ]),
    }),
    1.2,
  ],
  [
    (rng) => ({
      kind: 'uplink',
      profile: rng.weighted<Uplink>([
        ['4g', 2],
        ['3g', 1],
        ['ideal', 1],
      ]),
    }),
    0.6,
  ],
  [(rng) => ({ kind: 'killFunction', name: rng.weighted(FUNCTIONS), afterMs: rng.int(0, 600) }), 0.8],
  [
    (rng) => ({
      kind: 'killEmulator',
      during: rng.weighted<'now' | ServerFunction>([
        ['now', 1],
        ['ingestSegment', 1],
        ['finalizeRecording', 1],
      ]),
      afterMs: rng.int(0, 400),
      downMs: rng.int(100, 1500),
    }),
    0.35,
  ],
];

function settingsFor(rng: Prng, capped: boolean): ScheduleSettings {
  const settings: ScheduleSettings = {
    speed: capped ? 150 : rng.int(8, 20),
    whenHidden: rng.weighted<HiddenMode>([
      ['stop', 6],
      ['pause', 3],
      ['stop-silently', 1],
    ]),
  };
  if (rng.chance(0.12)) settings.storageFreeBytes = rng.int(40, 1500) * 1024;
  if (rng.chance(0.1)) settings.fileFreeBytes = rng.int(100, 3000) * 1024;
  // Short client timeouts: a slow function (cold start, a busy machine) times out while it still works.
  if (rng.chance(0.25)) settings.clientTimeoutMs = rng.int(3000, 10000);
  return settings;
}

/** The schedule of `seed`: the same seed always gives the same schedule. */
export function scheduleFor(seed: number): Schedule {
  const rng = new Prng(seed);
  const capped = rng.chance(0.03);
  const settings = settingsFor(rng, capped);
  const steps: Step[] = [{ kind: 'tap', button: 'record' }];
  let state: ModelState = 'recording';
  const count = rng.int(4, 14);
  for (let i = 0; i < count; i += 1) {
    const step = rng.weighted([...pageMakers(state), ...MAKERS])(rng, state);
    steps.push(step);
    state = nextState(state, step);
  }
  if (capped) {
    if (state !== 'recording') steps.push({ kind: 'tap', button: state === 'idle' ? 'record' : 'resume' });
    steps.push({ kind: 'cap' }, { kind: 'speak', ms: 1000 });
  }
  return { seed, settings, steps };
}

function describeStep(step: Step): string {
  const { kind, ...rest } = step;
  const args = Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`);
  return args.length ? `${kind}(${args.join(', ')})` : kind;
}

/** The schedule in a readable form, one step a line. */
export function formatSchedule(schedule: Schedule): string {
  const s = schedule.settings;
  const settings = [
    `speed=${s.speed}`,
    `whenHidden=${s.whenHidden}`,
    s.storageFreeBytes !== undefined ? `storageFree=${Math.round(s.storageFreeBytes / 1024)}KB` : '',
    s.fileFreeBytes !== undefined ? `fileFree=${Math.round(s.fileFreeBytes / 1024)}KB` : '',
    s.clientTimeoutMs !== undefined ? `clientTimeout=${s.clientTimeoutMs}ms` : '',
  ].filter(Boolean);
  const lines = schedule.steps.map((step, i) => `  ${String(i + 1).padStart(2)}. ${describeStep(step)}`);
  return [`seed ${schedule.seed}: ${settings.join(' ')}`, ...lines].join('\n');
}
