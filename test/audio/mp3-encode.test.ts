import { encodeMp3 } from '../../pipeline/audio/mp3';
import { frameOffsets, readFrameHeader } from '../../pipeline/audio/mp3-frames';
import { SUPPORTED_SAMPLE_RATES, speechBitrateKbps } from '../../pipeline/audio/format';
import { frameCount } from '../../pipeline/audio/pcm';
import { prepareSegment } from '../../pipeline/audio/gapless';
import { alignmentOffset, decodeMp3, mp3DurationMs } from '../../harness/audio-analysis';
import { speechPcm, SAMPLE_PARAGRAPH } from '../../simulator/speech';

const SHORT_TEXT = 'Read the first line aloud, then stop.';

describe('MP3 encoding', () => {
  test.each([
    ['16 kHz mono', SAMPLE_PARAGRAPH, 16000, 1],
    ['44.1 kHz mono', SHORT_TEXT, 44100, 1],
    ['44.1 kHz stereo', SHORT_TEXT, 44100, 2],
  ] as const)(
    '%s speech decodes to exactly its own length, aligned with the source',
    async (_, text, sampleRate, channels) => {
      const source = await speechPcm({ text, sampleRate, channels });
      const decoded = await decodeMp3((await prepareSegment(source)).standaloneMp3);
      expect(decoded).toMatchObject({ sampleRate, channels });
      expect(frameCount(decoded)).toBe(frameCount(source));
      const alignment = alignmentOffset(decoded, source, 3000);
      expect(alignment.lag).toBe(0);
      expect(alignment.correlation).toBeGreaterThan(0.95);
    },
  );

  test('every supported rate keeps its sample rate and uses the documented speech bitrate', async () => {
    for (const sampleRate of SUPPORTED_SAMPLE_RATES) {
      for (const channels of [1, 2] as const) {
        const samples = new Int16Array(sampleRate * channels).map((_, i) =>
          Math.round(6000 * Math.sin(i / 7)),
        );
        const header = readFrameHeader(await encodeMp3({ sampleRate, channels, samples }), 0);
        expect({
          sampleRate,
          channels,
          header: header && [header.sampleRate, header.channels, header.bitrateKbps],
        }).toEqual({
          sampleRate,
          channels,
          header: [sampleRate, channels, speechBitrateKbps(sampleRate, channels)],
        });
      }
    }
  });

  test('every supported rate and channel count: the tagged MP3 decodes to exactly the encoded length', async () => {
    for (const sampleRate of SUPPORTED_SAMPLE_RATES) {
      for (const channels of [1, 2] as const) {
        const frames = Math.round(sampleRate * 0.4) + 7;
        const samples = new Int16Array(frames * channels).map((_, i) => Math.round(6000 * Math.sin(i / 9)));
        const decoded = await decodeMp3(
          (await prepareSegment({ sampleRate, channels, samples })).standaloneMp3,
        );
        expect({
          sampleRate,
          channels,
          decoded: [decoded.sampleRate, decoded.channels, frameCount(decoded)],
        }).toEqual({
          sampleRate,
          channels,
          decoded: [sampleRate, channels, frames],
        });
      }
    }
  });

  test('16 kHz mono speech is encoded at 32 kbps and lasts as long as its samples', async () => {
    const source = await speechPcm({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 });
    const mp3 = (await prepareSegment(source)).standaloneMp3;
    // frameOffsets ends with the end of the data; a few frames may be widened one step (bit-reservoir.ts).
    const bitrates = frameOffsets(mp3)
      .slice(0, -1)
      .map((offset) => readFrameHeader(mp3, offset)?.bitrateKbps);
    const at32 = bitrates.filter((kbps) => kbps === 32).length;
    expect(bitrates.every((kbps) => kbps === 32 || kbps === 40)).toBe(true);
    expect(at32 / bitrates.length).toBeGreaterThan(0.9);
    expect(await mp3DurationMs(mp3)).toBeCloseTo((frameCount(source) * 1000) / 16000, 3);
  });

  test('the chunked encoder writes the same bytes as a one-shot encode', async () => {
    const source = await speechPcm({ text: SAMPLE_PARAGRAPH, sampleRate: 16000, channels: 1 });
    const oneShot = await encodeMp3(source, { chunkFrames: frameCount(source) });
    const chunked = await encodeMp3(source, { chunkFrames: 4001 });
    expect(chunked.equals(oneShot)).toBe(true);
    expect(frameOffsets(chunked).length).toBeGreaterThan(500);
  });

  test('the chunked encoder writes the same stereo bytes as a one-shot encode', async () => {
    const source = await speechPcm({ text: SHORT_TEXT, sampleRate: 22050, channels: 2 });
    const chunked = await encodeMp3(source, { chunkFrames: 999 });
    expect(chunked.equals(await encodeMp3(source, { chunkFrames: frameCount(source) }))).toBe(true);
  });
});
