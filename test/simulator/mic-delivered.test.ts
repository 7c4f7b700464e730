import { WavMicrophone, type MicEndBehaviour } from '../../simulator/recorder/mic-source';
import { speechWavFile } from '../../simulator/speech';

const SPEECH = { text: 'Seven silver swans swam south.', sampleRate: 16000, channels: 1 as const };

/** Reads the microphone in 4,000-frame reads until it has given `frames`, joined as one stream. */
function readThrough(mic: WavMicrophone, frames: number): Int16Array {
  const out = new Int16Array(frames);
  for (let at = 0; at < frames; at += 4000) {
    out.set(mic.read(Math.min(4000, frames - at), 16000, 1).samples, at);
  }
  return out;
}

async function micPastItsEnd(onEnd: MicEndBehaviour) {
  const mic = new WavMicrophone(await speechWavFile(SPEECH), onEnd);
  const length = mic.pcmAt(16000, 1).length;
  const stream = readThrough(mic, 2 * length + 1234);
  return { mic, length, stream };
}

test('a looping microphone reports what it delivered past the end of its speech', async () => {
  const { mic, length, stream } = await micPastItsEnd('loop');
  const from = length - 500;
  expect(Array.from(mic.delivered(from, 2 * length + 1234, 16000, 1))).toEqual(
    Array.from(stream.subarray(from)),
  );
  // Past the end it is the speech again, not silence.
  expect(Array.from(mic.delivered(length, length + 100, 16000, 1))).toEqual(
    Array.from(mic.pcmAt(16000, 1).subarray(0, 100)),
  );
});

test('a microphone that falls silent reports silence past the end of its speech', async () => {
  const { mic, length, stream } = await micPastItsEnd('silence');
  const delivered = mic.delivered(0, 2 * length + 1234, 16000, 1);
  expect(Array.from(delivered)).toEqual(Array.from(stream));
  expect(delivered.subarray(length).every((s) => s === 0)).toBe(true);
});

test('a microphone that stops gives its speech once, then nothing, and reports exactly what it gave', async () => {
  const mic = new WavMicrophone(await speechWavFile(SPEECH), 'stop');
  const length = mic.pcmAt(16000, 1).length;
  const reads: Int16Array[] = [];
  let exhausted = false;
  while (!exhausted) {
    const read = mic.read(4000, 16000, 1);
    reads.push(read.samples);
    exhausted = read.exhausted;
  }
  const stream = Int16Array.from(reads.flatMap((r) => Array.from(r)));
  expect(stream).toHaveLength(length);
  expect(Array.from(mic.delivered(0, length, 16000, 1))).toEqual(Array.from(stream));
  expect(mic.read(4000, 16000, 1)).toEqual({ samples: new Int16Array(0), exhausted: true });
});

test('a looping microphone logs positions past the end of its speech, which delivered reads back', async () => {
  const { mic, length } = await micPastItsEnd('loop');
  const last = mic.positionLog[mic.positionLog.length - 1];
  expect(last && last.startFrame + last.frames).toBe(2 * length + 1234);
  const again = mic.read(300, 16000, 1).samples;
  expect(Array.from(again)).toEqual(
    Array.from(mic.delivered(2 * length + 1234, 2 * length + 1534, 16000, 1)),
  );
  expect(Array.from(again)).toEqual(Array.from(mic.pcmAt(16000, 1).subarray(1234, 1534)));
});
