import type { BusEvent } from '../../miniprogram/recorder/bus';
import { RecorderError } from '../../miniprogram/recorder/errors';
import { launchCore } from './support/core-fixture';
import { settle } from './support/fake-port';

describe('resource control bus', () => {
  it('refuses a second start while a recording holds the microphone', async () => {
    const fixture = launchCore();
    const first = await fixture.core.startRecording();
    await expect(fixture.core.startRecording()).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'busy',
      message: expect.stringMatching(/Another recording is in progress/),
    });
    expect(fixture.core.session).toBe(first);
    expect(fixture.platform.recorder.calls).toEqual(['start']);
    expect(fixture.core.recordings()).toHaveLength(1);
  });

  it('allows a new recording once the previous one stopped', async () => {
    const fixture = launchCore();
    const first = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    first.stop();
    const second = await fixture.core.startRecording();
    expect(second.recordingId).not.toBe(first.recordingId);
    expect(fixture.core.bus.busyWith).toBe(second.recordingId);
  });

  it('publishes every local and server state of a segment, in order', async () => {
    const fixture = launchCore();
    const states: string[] = [];
    fixture.core.bus.subscribe((event: BusEvent) => {
      if (event.type === 'segment')
        states.push(`${event.segment.local}/${event.segment.upload}/${event.segment.server}`);
    });
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(500);
    session.pause();
    await settle();
    expect(states).toEqual([
      'sealed/pending/pending',
      'sealed/uploading/pending',
      'sealed/uploaded/converting',
      'sealed/uploaded/converted',
    ]);
  });

  it('publishes session state, elapsed time and the level of each frame', async () => {
    const fixture = launchCore();
    const events: BusEvent[] = [];
    fixture.core.bus.subscribe((event) => events.push(event));
    const session = await fixture.core.startRecording();
    fixture.platform.recorder.speak(512, 0.5);
    const levels = events.flatMap((e) => (e.type === 'level' ? [e.level] : []));
    expect(levels).toHaveLength(2);
    expect(levels[0]).toBeGreaterThan(0.8);
    const last = events.filter((e) => e.type === 'session').pop();
    expect(last).toEqual({
      type: 'session',
      session: { recordingId: session.recordingId, state: 'recording', elapsedMs: 512 },
    });
  });

  it('stops telling a page that unsubscribed', async () => {
    const fixture = launchCore();
    let heard = 0;
    const unsubscribe = fixture.core.bus.subscribe(() => (heard += 1));
    unsubscribe();
    await fixture.core.startRecording();
    expect(heard).toBe(0);
  });

  it('keeps telling other pages when one listener throws', () => {
    const fixture = launchCore();
    const heard: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    fixture.core.bus.subscribe(() => {
      throw new RecorderError('INTERNAL', 'page bug');
    });
    fixture.core.bus.subscribe((event) => heard.push(event.type));
    fixture.core.bus.publish({ type: 'level', recordingId: 'r', level: 0 });
    expect(heard).toEqual(['level']);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
