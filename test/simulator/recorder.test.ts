import * as fs from 'node:fs';
import { parseWav } from '../../pipeline/audio/wav';
import { decodeMp3 } from '../../harness/audio-analysis';
import { speechWavFile } from '../../simulator/speech';
import { simulatorFactory } from './fixtures/sim-fixture';
import { int16, joinFrames, traceRecorder } from './fixtures/recording';

const newSimulator = simulatorFactory();
const SPEECH = {
  text: 'Seven silver swans swam south over the river bank.',
  sampleRate: 16000,
  channels: 1 as const,
};

async function recordingSim(extra: Parameters<typeof newSimulator>[0] = {}) {
  const sim = newSimulator({ speed: 100, microphone: { wav: await speechWavFile(SPEECH) }, ...extra });
  return { sim, ...traceRecorder(sim) };
}

const PCM_16K = {
  sampleRate: 16000 as const,
  numberOfChannels: 1 as const,
  format: 'PCM' as const,
  frameSize: 4,
};

describe('RecorderManager', () => {
  it('delivers PCM frames that concatenate to the WAV microphone audio across pause and resume', async () => {
    const { sim, recorder, trace } = await recordingSim({
      microphone: { wav: await speechWavFile(SPEECH), onEnd: 'stop' },
    });
    recorder.start({ ...PCM_16K, duration: 600000 });
    await sim.waitFor(() => trace.frames.length >= 3, 'three frames');
    recorder.pause();
    await sim.waitFor(() => trace.events.includes('pause'), 'onPause');
    recorder.resume();
    await sim.waitFor(() => trace.stops.length === 1, 'onStop when the WAV runs out');
    const expected = sim.mic!.pcmAt(16000, 1);
    expect(Array.from(int16(joinFrames(trace.frames)))).toEqual(Array.from(expected));
    expect(trace.frames.filter((f) => f.isLastFrame)).toHaveLength(1);
    expect(trace.frames[trace.frames.length - 1].isLastFrame).toBe(true);
    expect(trace.events).toEqual(['start', 'pause', 'resume', 'stop']);
  });

  it('writes the PCM temp file as raw 16-bit LE equal to the frames, with onStop duration and fileSize', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ ...PCM_16K, duration: 1500 });
    await sim.waitFor(() => trace.stops.length === 1, 'onStop');
    const [stop] = trace.stops;
    const file = fs.readFileSync(sim.realPath(stop.tempFilePath));
    expect(stop.tempFilePath).toMatch(/^wxfile:\/\/tmp_[0-9a-f]+\.pcm$/);
    expect(file.equals(joinFrames(trace.frames))).toBe(true);
    expect(stop.fileSize).toBe(file.length);
    expect(stop.duration).toBe(1500);
    expect(file.length).toBe(1500 * 16 * 2);
  });

  it('stops by itself at `duration` and fires onStop', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ ...PCM_16K, duration: 700 });
    await sim.waitFor(() => trace.stops.length === 1, 'onStop at the duration cap');
    expect(trace.events).toEqual(['start', 'stop']);
    expect(trace.stops[0].duration).toBe(700);
    expect(sim.recorderState).toBe('idle');
  });

  it('records wav format as a WAV file holding the microphone audio and delivers no frames', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ sampleRate: 16000, numberOfChannels: 1, format: 'wav', frameSize: 4, duration: 1000 });
    await sim.waitFor(() => trace.stops.length === 1, 'onStop');
    const wav = parseWav(fs.readFileSync(sim.realPath(trace.stops[0].tempFilePath)));
    expect(wav.sampleRate).toBe(16000);
    expect(Array.from(wav.samples)).toEqual(Array.from(sim.mic!.pcmAt(16000, 1).subarray(0, 16000)));
    expect(trace.frames).toHaveLength(0);
  });

  it('records mp3 whose frames form the file and decode to the recorded duration', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({
      sampleRate: 16000,
      numberOfChannels: 1,
      format: 'mp3',
      encodeBitRate: 48000,
      frameSize: 2,
      duration: 2000,
    });
    await sim.waitFor(() => trace.stops.length === 1, 'onStop');
    const file = fs.readFileSync(sim.realPath(trace.stops[0].tempFilePath));
    expect(joinFrames(trace.frames).equals(file)).toBe(true);
    const decoded = await decodeMp3(file);
    expect(decoded.sampleRate).toBe(16000);
    // Without a LAME tag the decoder adds its delay; the audio is at least the recorded 2 s.
    expect(decoded.samples.length).toBeGreaterThanOrEqual(32000);
    expect(decoded.samples.length).toBeLessThan(32000 + 3000);
  });

  it('ignores stop() called before onStart (the known platform bug)', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ ...PCM_16K, duration: 500 });
    recorder.stop();
    await sim.waitFor(() => trace.stops.length === 1, 'onStop at the duration cap');
    expect(trace.events).toEqual(['start', 'stop']);
    expect(trace.stops[0].duration).toBe(500);
  });

  it('answers stop() on an idle recorder with onError "operateRecorder:fail recorder not start"', async () => {
    const { sim, recorder, trace } = await recordingSim({ recorder: { whenHidden: 'stop-silently' } });
    recorder.start({ ...PCM_16K, duration: 60000 });
    await sim.waitFor(() => trace.frames.length > 0, 'a frame');
    sim.hide(); // the screen-lock bug: the recording ends with no event
    recorder.stop();
    await sim.waitFor(() => trace.errors.length === 1, 'onError');
    expect(trace.errors).toEqual(['operateRecorder:fail recorder not start']);
    expect(trace.events).toEqual(['start', 'error']);
    expect(sim.recorderState).toBe('idle');
  });

  it('pauses on an interruption: onInterruptionBegin then onPause, and stays paused after it ends', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ ...PCM_16K, duration: 60000 });
    await sim.waitFor(() => trace.events.includes('start'), 'onStart');
    sim.beginInterruption();
    sim.endInterruption();
    await sim.waitFor(() => trace.events.includes('pause'), 'onPause');
    expect(trace.events).toEqual(['start', 'interruptionBegin', 'interruptionEnd', 'pause']);
    expect(sim.recorderState).toBe('paused');
  });

  it('creates no file on pause: only stop gives a temp file', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ ...PCM_16K, duration: 60000 });
    await sim.waitFor(() => trace.frames.length > 0, 'a frame');
    recorder.pause();
    await sim.waitFor(() => trace.events.includes('pause'), 'onPause');
    expect(sim.tempFiles()).toEqual([]);
    recorder.stop();
    await sim.waitFor(() => trace.stops.length === 1, 'onStop');
    expect(sim.tempFiles()).toEqual([trace.stops[0].tempFilePath]);
  });

  it('fails start with onError for a sampleRate/encodeBitRate pair outside the documented table', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ sampleRate: 8000, encodeBitRate: 96000, format: 'mp3' });
    await sim.waitFor(() => trace.errors.length === 1, 'onError');
    expect(trace.errors[0]).toBe(
      'operateRecorder:fail invalid encodeBitRate 96000 for sampleRate 8000 (valid 16000 ~ 48000)',
    );
    expect(sim.recorderState).toBe('idle');
  });

  it('caps a duration over 600000 ms at the documented maximum instead of recording longer', async () => {
    const { sim, recorder, trace } = await recordingSim({ speed: 5000, recorder: { tickMs: 2000 } });
    recorder.start({ ...PCM_16K, frameSize: 64, duration: 900000 });
    await sim.waitFor(() => trace.stops.length === 1, 'onStop at 10 minutes', 60000);
    expect(trace.stops[0].duration).toBe(600000);
  });

  it('stops with onStop when the app is hidden (default), and silently with the screen-lock switch', async () => {
    const { sim, recorder, trace } = await recordingSim();
    recorder.start({ ...PCM_16K, duration: 60000 });
    await sim.waitFor(() => trace.frames.length > 0, 'a frame');
    sim.hide();
    await sim.waitFor(() => trace.stops.length === 1, 'onStop on hide');

    const silent = await recordingSim({ recorder: { whenHidden: 'stop-silently' } });
    silent.recorder.start({ ...PCM_16K, duration: 60000 });
    await silent.sim.waitFor(() => silent.trace.frames.length > 0, 'a frame');
    silent.sim.hide();
    expect(silent.sim.recorderState).toBe('idle');
    expect(silent.trace.events).toEqual(['start']);
    expect(silent.sim.tempFiles()).toEqual([]);
  });

  it('refuses to start when the microphone permission is denied', async () => {
    const { sim, recorder, trace } = await recordingSim({ recorder: { micPermission: 'denied' } });
    recorder.start(PCM_16K);
    await sim.waitFor(() => trace.errors.length === 1, 'onError');
    expect(trace.errors).toEqual(['operateRecorder:fail auth deny']);
  });

  it('says it holds undelivered audio from a pause until its partial frame reaches the app', async () => {
    const { sim, recorder, trace } = await recordingSim();
    // Frames of 2 s: what the microphone gave before the pause is all in the partial frame.
    recorder.start({ ...PCM_16K, frameSize: 64, duration: 60000 });
    await sim.waitFor(() => (sim.mic?.positionLog.length ?? 0) > 0, 'a microphone read');
    expect(sim.recorderHoldsUndeliveredAudio).toBe(false);
    recorder.pause();
    // Paused already, but the partial frame and onPause go out on a later tick.
    expect(sim.recorderState).toBe('paused');
    expect(sim.recorderHoldsUndeliveredAudio).toBe(true);
    await sim.waitFor(() => trace.events.includes('pause'), 'onPause');
    expect(trace.frames).toHaveLength(1);
    expect(sim.recorderHoldsUndeliveredAudio).toBe(false);
  });
});
