import { SessionStateMachine, nextState } from '../../miniprogram/recorder/state-machine';
import { RecorderError } from '../../miniprogram/recorder/errors';

describe('session state machine', () => {
  it('walks idle → starting → recording ⇄ paused → stopping → stopped', () => {
    const seen: string[] = [];
    const machine = new SessionStateMachine((state) => seen.push(state));
    for (const event of ['start', 'started', 'pause', 'resume', 'pause', 'stop', 'stopped'] as const) {
      machine.fire(event);
    }
    expect(seen).toEqual(['starting', 'recording', 'paused', 'recording', 'paused', 'stopping', 'stopped']);
  });

  it('restarts through starting when the platform caps a recording', () => {
    expect(nextState('recording', 'capped')).toBe('starting');
    expect(nextState('paused', 'capped')).toBe('paused');
  });

  it('accepts stop while still starting (stop before onStart)', () => {
    expect(nextState('starting', 'stop')).toBe('stopping');
    expect(nextState('stopping', 'started')).toBe('stopping');
  });

  it('refuses a student action that makes no sense with a CONFLICT error', () => {
    const machine = new SessionStateMachine(() => undefined);
    let caught: unknown;
    try {
      machine.fire('pause');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RecorderError);
    expect((caught as RecorderError).code).toBe('CONFLICT');
    expect(machine.state).toBe('idle');
  });

  it('ignores a late platform event instead of corrupting the state', () => {
    const machine = new SessionStateMachine(() => undefined);
    machine.fire('start');
    machine.fire('started');
    machine.fire('stop');
    machine.fire('stopped');
    expect(machine.tryFire('pause')).toBe(false);
    expect(machine.state).toBe('stopped');
  });
});
