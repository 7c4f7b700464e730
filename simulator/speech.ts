/**
 * Real speech for tests and benchmarks: espeak-ng speaks the text, sox converts it to the wanted rate and
 * channel count (stereo puts a second voice on the right channel so the channels differ). Files are
 * cached per process in one temp dir, removed when the process exits.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseWav } from '../pipeline/audio/wav';
import { concatPcm, type PcmAudio } from '../pipeline/audio/pcm';

const run = promisify(execFile);

export interface SpeechRequest {
  text: string;
  sampleRate: number;
  channels: 1 | 2;
  /** espeak-ng voice for the (left) channel; default "en". */
  voice?: string;
}

/** A paragraph of plain English prose, about 20 s when spoken at espeak-ng's default speed. */
export const SAMPLE_PARAGRAPH =
  'The quick brown fox jumps over the lazy dog while the children read their lessons aloud. ' +
  'Every morning the students practise spelling, counting and speaking in full sentences. ' +
  'A recording that pauses and resumes must sound like one smooth story, with no gaps at the joins. ' +
  'Seven silver swans swam south, and thirteen thin thistles thrived beside the river bank.';

let cacheDir: string | undefined;
const pending = new Map<string, Promise<string>>();

function cache(): string {
  if (!cacheDir) {
    const dir = mkdtempSync(path.join(tmpdir(), 'dr-speech-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  return cacheDir;
}

async function speak(text: string, voice: string, file: string): Promise<void> {
  await run('espeak-ng', ['-v', voice, '-w', file, text]);
}

async function synthesize(request: SpeechRequest, target: string): Promise<string> {
  const dir = cache();
  const stem = path.join(dir, `${path.basename(target, '.wav')}-src`);
  await speak(request.text, request.voice ?? 'en', `${stem}-l.wav`);
  const inputs = [`${stem}-l.wav`];
  if (request.channels === 2) {
    await speak(request.text, 'en+f3', `${stem}-r.wav`);
    inputs.unshift('-M');
    inputs.push(`${stem}-r.wav`);
  }
  const partial = `${target}.part.wav`;
  const format = [
    '-r',
    String(request.sampleRate),
    '-c',
    String(request.channels),
    '-b',
    '16',
    '-e',
    'signed-integer',
  ];
  await run('sox', [...inputs, ...format, partial]);
  renameSync(partial, target);
  return target;
}

/** Path of a WAV file holding the spoken text in the requested format. */
export function speechWavFile(request: SpeechRequest): Promise<string> {
  const key = createHash('sha1').update(JSON.stringify(request)).digest('hex').slice(0, 16);
  const target = path.join(cache(), `${key}.wav`);
  let result = pending.get(key);
  if (!result) {
    result = existsSync(target) ? Promise.resolve(target) : synthesize(request, target);
    pending.set(key, result);
  }
  return result;
}

/** The spoken text as WAV bytes. */
export async function speechWav(request: SpeechRequest): Promise<Buffer> {
  return readFileSync(await speechWavFile(request));
}

/** The spoken text as PCM. */
export async function speechPcm(request: SpeechRequest): Promise<PcmAudio> {
  return parseWav(await speechWav(request));
}

/** At least `seconds` of speech in the format, made by repeating the sample paragraph. */
export async function speechOfLength(
  seconds: number,
  sampleRate: number,
  channels: 1 | 2,
): Promise<PcmAudio> {
  const paragraph = await speechPcm({ text: SAMPLE_PARAGRAPH, sampleRate, channels });
  const needed = seconds * sampleRate * channels;
  const parts = Array.from({ length: Math.ceil(needed / paragraph.samples.length) }, () => paragraph);
  const joined = concatPcm(parts);
  return { ...joined, samples: joined.samples.subarray(0, needed) };
}
