import { ErrorCode } from '../../typings/errors';
import { encodeWav, parseWav } from '../../pipeline/audio/wav';
import { frameCount } from '../../pipeline/audio/pcm';
import { speechWav } from '../../simulator/speech';

const TEXT = 'Spell the word garden.';

async function speech16k(): Promise<Buffer> {
  return speechWav({ text: TEXT, sampleRate: 16000, channels: 1 });
}

function expectCode(fn: () => unknown, code: string, message: RegExp): void {
  expect(fn).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
}

/** A WAV whose fmt chunk fields are overwritten (offsets of the canonical 44-byte header). */
function withFmt(
  wav: Buffer,
  patch: { format?: number; channels?: number; rate?: number; bits?: number },
): Buffer {
  const out = Buffer.from(wav);
  if (patch.format !== undefined) out.writeUInt16LE(patch.format, 20);
  if (patch.channels !== undefined) out.writeUInt16LE(patch.channels, 22);
  if (patch.rate !== undefined) out.writeUInt32LE(patch.rate, 24);
  const channels = out.readUInt16LE(22);
  const bits = patch.bits ?? out.readUInt16LE(34);
  out.writeUInt16LE(bits, 34);
  out.writeUInt16LE((channels * bits) / 8, 32);
  out.writeUInt32LE((out.readUInt32LE(24) * channels * bits) / 8, 28);
  return out;
}

describe('parseWav', () => {
  test('reads espeak-ng speech made by sox: format and every sample', async () => {
    const wav = await speech16k();
    const audio = parseWav(wav);
    expect(audio).toMatchObject({ sampleRate: 16000, channels: 1 });
    expect(frameCount(audio)).toBe((wav.length - 44) / 2);
    expect(encodeWav(audio).equals(wav.subarray(0, 44 + audio.samples.length * 2))).toBe(true);
  });

  test('reads stereo as interleaved samples, left first', async () => {
    const audio = parseWav(await speechWav({ text: TEXT, sampleRate: 44100, channels: 2 }));
    expect(audio).toMatchObject({ sampleRate: 44100, channels: 2 });
    // A file whose left channel holds 1 and right channel 2, written byte by byte after a stereo header.
    const header = encodeWav({ sampleRate: 16000, channels: 2, samples: new Int16Array(0) });
    const data = Buffer.from([1, 0, 2, 0, 1, 0, 2, 0]);
    header.writeUInt32LE(36 + data.length, 4);
    header.writeUInt32LE(data.length, 40);
    const parsed = parseWav(Buffer.concat([header, data]));
    expect(Array.from(parsed.samples)).toEqual([1, 2, 1, 2]);
  });

  test('skips a LIST chunk between fmt and data', async () => {
    const wav = await speech16k();
    const list = Buffer.concat([
      Buffer.from('LIST'),
      Buffer.from([5, 0, 0, 0]),
      Buffer.from('INFOx'),
      Buffer.from([0]),
    ]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    expect(parseWav(withList).samples).toEqual(parseWav(wav).samples);
  });

  test('refuses a zero-length file with BAD_AUDIO', () => {
    expectCode(() => parseWav(new Uint8Array(0)), ErrorCode.BAD_AUDIO, /empty/);
  });

  test('refuses a WAV whose data chunk is empty with BAD_AUDIO', async () => {
    const empty = encodeWav({ sampleRate: 16000, channels: 1, samples: new Int16Array(0) });
    expectCode(() => parseWav(empty), ErrorCode.BAD_AUDIO, /data chunk is empty/);
  });

  test('refuses a file that is not RIFF with BAD_AUDIO', () => {
    expectCode(
      () => parseWav(Buffer.from('ID3\u0003 this is an mp3, not a wav')),
      ErrorCode.BAD_AUDIO,
      /not a RIFF WAV file/,
    );
  });

  test('refuses a RIFF file that is not WAVE with BAD_AUDIO', async () => {
    const wav = Buffer.from(await speech16k());
    wav.write('AVI ', 8, 'ascii');
    expectCode(() => parseWav(wav), ErrorCode.BAD_AUDIO, /"AVI ", expected "WAVE"/);
  });

  test('refuses a truncated file with BAD_AUDIO', async () => {
    const wav = await speech16k();
    expectCode(() => parseWav(wav.subarray(0, wav.length - 1001)), ErrorCode.BAD_AUDIO, /truncated/);
  });

  test('refuses a file cut inside the header with BAD_AUDIO', async () => {
    const wav = await speech16k();
    expectCode(() => parseWav(wav.subarray(0, 30)), ErrorCode.BAD_AUDIO, /truncated/);
  });

  test('refuses a data chunk that declares more bytes than the file holds with BAD_AUDIO', async () => {
    const wav = Buffer.from(await speech16k());
    wav.writeUInt32LE(wav.readUInt32LE(40) + 4000, 40);
    expectCode(() => parseWav(wav), ErrorCode.BAD_AUDIO, /chunk "data" declares/);
  });

  test('refuses trailing bytes the RIFF size does not account for with BAD_AUDIO', async () => {
    const wav = Buffer.concat([await speech16k(), Buffer.alloc(10)]);
    expectCode(() => parseWav(wav), ErrorCode.BAD_AUDIO, /size fields disagree/);
  });

  test.each([
    ['an unsupported sample rate', { rate: 96000 }, /sample rate 96000 Hz is not supported/],
    ['8-bit audio', { bits: 8 }, /8-bit samples are not supported; expected 16-bit PCM/],
    ['IEEE float audio', { format: 3 }, /audio format 3 is not supported; expected PCM/],
    ['more than two channels', { channels: 6 }, /6 channels are not supported/],
  ])('refuses %s with BAD_AUDIO saying what is wrong', async (_, patch, message) => {
    const wav = withFmt(Buffer.from(await speech16k()), patch);
    expectCode(() => parseWav(wav), ErrorCode.BAD_AUDIO, message);
  });

  test('refuses a fmt chunk whose block align does not match its channels with BAD_AUDIO', async () => {
    const wav = Buffer.from(await speech16k());
    wav.writeUInt16LE(4, 32);
    expectCode(() => parseWav(wav), ErrorCode.BAD_AUDIO, /block align 4/);
  });

  test('refuses a data chunk with half a sample with BAD_AUDIO', async () => {
    const wav = await speech16k();
    const odd = Buffer.concat([wav, Buffer.from([0, 0])]).subarray(0, wav.length + 1);
    odd.writeUInt32LE(odd.length - 8 + 1, 4); // RIFF counts the pad byte of the odd-sized chunk
    odd.writeUInt32LE(odd.readUInt32LE(40) + 1, 40);
    const padded = Buffer.concat([odd, Buffer.alloc(1)]);
    expectCode(() => parseWav(padded), ErrorCode.BAD_AUDIO, /not a whole number/);
  });

  test('refuses a file without a fmt chunk with BAD_AUDIO', async () => {
    const wav = Buffer.from(await speech16k());
    wav.write('junk', 12, 'ascii');
    expectCode(() => parseWav(wav), ErrorCode.BAD_AUDIO, /no "fmt" chunk/);
  });

  test('refuses a file over the byte limit with TOO_LARGE', async () => {
    const wav = await speech16k();
    expectCode(
      () => parseWav(wav, { maxBytes: wav.length - 1 }),
      ErrorCode.TOO_LARGE,
      /limit for one segment is/,
    );
  });

  test('refuses audio longer than the segment limit with TOO_LARGE', async () => {
    const elevenMinutes = encodeWav({ sampleRate: 8000, channels: 1, samples: new Int16Array(8000 * 660) });
    expectCode(() => parseWav(elevenMinutes), ErrorCode.TOO_LARGE, /lasts 660000 ms/);
  });
});
