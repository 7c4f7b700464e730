import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { frameOffsets, readFrameHeader } from '../../pipeline/audio/mp3-frames';
import { encodeMp3 } from '../../pipeline/audio/mp3';
import { bundleEntry, REPO_ROOT } from '../../harness/bundle-entry';

// Encodes one second of a tone at 16 kHz and prints the MP3 as base64.
const ENTRY = [
  "import { encodeMp3 } from './pipeline/audio/mp3';",
  'const samples = new Int16Array(16000).map((_, i) => Math.round(8000 * Math.sin(i / 5)));',
  "void encodeMp3({ sampleRate: 16000, channels: 1, samples }).then((mp3) => process.stdout.write(mp3.toString('base64')));",
].join('\n');

function expectedMp3(): Promise<Buffer> {
  return encodeMp3({
    sampleRate: 16000,
    channels: 1,
    samples: new Int16Array(16000).map((_, i) => Math.round(8000 * Math.sin(i / 5))),
  });
}

describe('WASM LAME loading', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dr-lame-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('under jest the encoder produces 16 kHz MP3 frames', async () => {
    const mp3 = await expectedMp3();
    expect(readFrameHeader(mp3, 0)).toMatchObject({ sampleRate: 16000, bitrateKbps: 32 });
    // encoder delay 576 + decoder delay 529, rounded up to whole 576-sample frames
    expect(frameOffsets(mp3).length - 1).toBe(Math.ceil((16000 + 1105) / 576));
  });

  test('an esbuild bundle (as cloud functions ship) encodes the same bytes with plain node', async () => {
    const outfile = bundleEntry(ENTRY, path.join(dir, 'entry.js'));
    const out = execFileSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(Buffer.from(out, 'base64').equals(await expectedMp3())).toBe(true);
  });

  test('tsx (npm start, scripts, bench) encodes the same bytes', async () => {
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(
      entry,
      ENTRY.replace("'./pipeline/audio/mp3'", JSON.stringify(path.join(REPO_ROOT, 'pipeline/audio/mp3'))),
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', entry], {
      encoding: 'utf8',
      cwd: REPO_ROOT,
    });
    expect(Buffer.from(out, 'base64').equals(await expectedMp3())).toBe(true);
  });
});
