import type { PcmAudio } from '../../../pipeline/audio/pcm';
import { decodeMp3, measureJoinGaps } from '../../../harness/audio-analysis';
import type { WavMicrophone } from '../../../simulator/recorder/mic-source';
import type { SegmentDoc } from '../../../typings/documents';

/** What the looping microphone played for the first `frames` sample frames of a recording (16 kHz mono). */
function heardSpeech(mic: WavMicrophone, frames: number): PcmAudio {
  const wav = mic.pcmAt(16000, 1);
  const samples = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) samples[i] = wav[i % wav.length] ?? 0;
  return { samples, sampleRate: 16000, channels: 1 };
}

/**
 * A recording's full MP3 decodes to exactly its segments' samples, and at every cut between them the
 * speech goes on with no gap and no duplicate (aligned against what the microphone played).
 */
export async function expectGaplessFullMp3(
  fullMp3: Buffer,
  segments: SegmentDoc[],
  mic: WavMicrophone | null,
): Promise<void> {
  if (!mic) throw new Error('no microphone');
  const decoded = await decodeMp3(fullMp3);
  const total = segments.reduce((sum, s) => sum + s.samples, 0);
  expect(decoded.samples.length).toBe(total);
  const joins = segments
    .slice(0, -1)
    .map((_, i) => segments.slice(0, i + 1).reduce((sum, s) => sum + s.samples, 0));
  for (const join of measureJoinGaps(decoded, heardSpeech(mic, total), joins)) {
    expect(join).toMatchObject({ gapMs: 0, reliable: true });
  }
}
