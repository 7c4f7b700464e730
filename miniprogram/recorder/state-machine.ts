import { RecorderError } from './errors';

export type SessionState = 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' | 'stopped' | 'error';

export type SessionEvent =
  | 'start' // the student tapped record
  | 'started' // platform onStart (also after a restart at the duration cap)
  | 'pause' // platform onPause: tap, interruption or app hide
  | 'resume' // the student tapped resume
  | 'capped' // the platform stopped by itself; a new platform recording follows
  | 'stop' // the student tapped stop
  | 'stopped' // platform onStop after our stop()
  | 'fail';

/** Every allowed move; anything else is refused, so no stray platform event can corrupt a session. */
const TRANSITIONS: Record<SessionState, Partial<Record<SessionEvent, SessionState>>> = {
  idle: { start: 'starting', fail: 'error' },
  starting: { started: 'recording', stop: 'stopping', fail: 'error' },
  recording: { pause: 'paused', capped: 'starting', stop: 'stopping', fail: 'error' },
  // capped while paused: the platform dropped its recording (screen lock); resume starts a new one.
  paused: { resume: 'recording', capped: 'paused', stop: 'stopping', fail: 'error' },
  // started while stopping: stop() came before onStart, which the platform ignores; we stop again then.
  stopping: { stopped: 'stopped', started: 'stopping', fail: 'error' },
  stopped: {},
  error: {},
};

export function nextState(state: SessionState, event: SessionEvent): SessionState | undefined {
  return TRANSITIONS[state][event];
}

export class SessionStateMachine {
  private current: SessionState = 'idle';

  constructor(private readonly onChange: (state: SessionState) => void) {}

  get state(): SessionState {
    return this.current;
  }

  can(event: SessionEvent): boolean {
    return nextState(this.current, event) !== undefined;
  }

  /** Moves or throws CONFLICT: callers use this for student actions, where a refusal must be explained. */
  fire(event: SessionEvent): SessionState {
    const next = nextState(this.current, event);
    if (next === undefined) {
      throw new RecorderError('CONFLICT', `Cannot ${event} while ${this.current}`);
    }
    if (next !== this.current) {
      this.current = next;
      this.onChange(next);
    }
    return next;
  }

  /** Moves when allowed, ignores otherwise: for platform events that may arrive late or twice. */
  tryFire(event: SessionEvent): boolean {
    if (!this.can(event)) return false;
    this.fire(event);
    return true;
  }
}
