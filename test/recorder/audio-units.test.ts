import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frameLevel } from '../../miniprogram/recorder/level-meter';
import { pcmToWav } from '../../miniprogram/recorder/wav-header';

function tone(samples: number, amplitude: number): ArrayBuffer {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i += 1)
    pcm[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 440 * i) / 16000));
  return pcm.buffer;
}

describe('level meter', () => {
  it('shows silence as an empty bar', () => {
    expect(frameLevel(new Int16Array(4096).buffer)).toBe(0);
  });

  it('rises with loudness on a decibel scale', () => {
    const quiet = frameLevel(tone(4096, 0.01));
    const loud = frameLevel(tone(4096, 0.5));
    expect(quiet).toBeGreaterThan(0);
    expect(loud).toBeGreaterThan(quiet + 0.4);
    expect(loud).toBeLessThanOrEqual(1);
  });
});

describe('WAV header', () => {
  it('makes a file ffprobe reads as 16 kHz mono 16-bit with the right duration', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wav-'));
    try {
      const file = path.join(dir, 'tone.wav');
      writeFileSync(file, Buffer.from(pcmToWav(tone(24000, 0.3), 16000, 1)));
      const probe = JSON.parse(
        execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]).toString(),
      ) as {
        streams: Array<{ sample_rate: string; channels: number; codec_name: string; duration: string }>;
      };
      expect(probe.streams[0]).toMatchObject({
        sample_rate: '16000',
        channels: 1,
        codec_name: 'pcm_s16le',
        duration: '1.500000',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('drops a half sample left by a kill mid-append', () => {
    const wav = pcmToWav(new Uint8Array(7).buffer, 16000, 1);
    expect(wav.byteLength).toBe(44 + 6);
    expect(new DataView(wav).getUint32(40, true)).toBe(6);
  });
});
