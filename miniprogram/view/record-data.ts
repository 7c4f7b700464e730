import type { SessionState } from '../recorder/state-machine';
import { t, type StringKey } from '../strings';
import type { SegmentRow } from './segment-row';

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
  segments: SegmentRow[];
  canPlayAll: boolean;
  outcome: string;
  notice: string;
}

export function labels(): Labels {
  const out: Partial<Labels> = {};
  for (const key of LABEL_KEYS) out[key] = t(key);
  return out as Labels;
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
    canPlayAll: false,
    outcome: '',
    notice: '',
  };
}
