import type { MicBlock } from '../recorder/mic-access';
import type { SessionState } from '../recorder/state-machine';
import { t, type StringKey } from '../strings';
import type { SegmentRow } from './segment-row';
import type { TakeRow } from './take-row';

const LABEL_KEYS = [
  'record',
  'pause',
  'resume',
  'stop',
  'retry',
  'play',
  'playAll',
  'stopPlayback',
  'elapsed',
  'segments',
  'assignment',
  'profileTitle',
  'profileHint',
  'name',
  'className',
  'save',
  'history',
  'privacyTitle',
  'privacyBody',
  'privacyContract',
  'privacyAgree',
  'privacyRefuse',
  'openSettings',
  'tryAgain',
  'failedHint',
  'loadFailed',
] as const satisfies readonly StringKey[];

export type Labels = Record<(typeof LABEL_KEYS)[number], string>;

/** Everything pages/record/record.wxml binds to. */
export interface RecordViewData {
  labels: Labels;
  needsProfile: boolean;
  assignmentTitle: string;
  assignmentPrompt: string;
  recordingId: string;
  state: SessionState;
  stateText: string;
  elapsed: string;
  /** 0..100 for the meter's width. */
  level: number;
  canRecord: boolean;
  canPause: boolean;
  canResume: boolean;
  canStop: boolean;
  /** Every segment (automatic cuts included), for the page's logic; the page lists `takes`. */
  segments: SegmentRow[];
  /** What the student sees: one row per take, the stretch between two of their pauses. */
  takes: TakeRow[];
  canPlayAll: boolean;
  outcome: string;
  notice: string;
  /** The app's own privacy agreement sheet (WeChat is waiting for the student's answer). */
  privacySheet: boolean;
  /** Why the microphone is shut ('' when it is not), and what the student can do about it. */
  micBlock: '' | MicBlock;
  micBlockText: string;
  canOpenSettings: boolean;
  /** A finalize that stopped retrying by itself: the student's retry button. */
  canRetryFinalize: boolean;
  /** The profile or the assignment did not load for a reason the network may fix: the retry button. */
  canRetryLoad: boolean;
}

// No Object.fromEntries: WeChat does not polyfill it and iOS 12.0 lacks it.
export function labels(): Labels {
  const result = {} as Labels;
  for (const key of LABEL_KEYS) result[key] = t(key);
  return result;
}

/** The buttons a state allows: the same rules the state machine enforces, shown before the tap. */
export function controlsFor(
  state: SessionState,
): Pick<RecordViewData, 'canRecord' | 'canPause' | 'canResume' | 'canStop'> {
  return {
    canRecord: state === 'idle' || state === 'stopped' || state === 'error',
    canPause: state === 'recording',
    canResume: state === 'paused',
    canStop: state === 'recording' || state === 'paused' || state === 'starting',
  };
}

export function initialRecordData(): RecordViewData {
  return {
    labels: labels(),
    needsProfile: false,
    assignmentTitle: '',
    assignmentPrompt: '',
    recordingId: '',
    state: 'idle',
    stateText: t('state.idle'),
    elapsed: '00:00',
    level: 0,
    ...controlsFor('idle'),
    segments: [],
    takes: [],
    canPlayAll: false,
    outcome: '',
    notice: '',
    privacySheet: false,
    micBlock: '',
    micBlockText: '',
    canOpenSettings: false,
    canRetryFinalize: false,
    canRetryLoad: false,
  };
}
