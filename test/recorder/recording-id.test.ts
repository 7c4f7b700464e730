import { RECORDING_ID_PATTERN } from '../../typings/paths';
import { newRecordingId } from '../../miniprogram/recorder/recording-id';
import { FakeClock } from './support/fake-clock';

describe('recording id', () => {
  it('is URL-safe, matches the contract and carries 16 random characters', async () => {
    const clock = new FakeClock();
    const id = await newRecordingId(clock);
    expect(id).toMatch(RECORDING_ID_PATTERN);
    expect(id.length).toBeGreaterThanOrEqual(clock.now().toString(36).length + 16);
  });

  it('differs between two recordings made in the same millisecond', async () => {
    const clock = new FakeClock();
    const ids = new Set(await Promise.all(Array.from({ length: 200 }, () => newRecordingId(clock))));
    expect(ids.size).toBe(200);
  });
});
