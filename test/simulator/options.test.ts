import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

describe('simulator options', () => {
  it('refuses a speed that is not a positive number with INVALID_ARGUMENT', () => {
    expect(() => newSimulator({ speed: 0 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: 'speed must be a positive number, got 0',
      }),
    );
  });

  it('refuses a microphone WAV that does not exist with INVALID_ARGUMENT', () => {
    expect(() => newSimulator({ microphone: { wav: '/nonexistent/mic.wav' } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('refuses a microphone file that is not a WAV with BAD_AUDIO', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-sim-options-'));
    try {
      const file = path.join(dir, 'not.wav');
      fs.writeFileSync(file, 'this is text, not audio');
      expect(() => newSimulator({ microphone: { wav: file } })).toThrow(
        expect.objectContaining({ code: 'BAD_AUDIO' }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses launch() without an app with INVALID_ARGUMENT', () => {
    const sim = newSimulator();
    expect(() => sim.launch()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
