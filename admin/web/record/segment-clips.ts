/**
 * The segments of the recording in progress, kept on the page as the PCM that was sent, so a student can
 * play back what they have said while paused (no round trip to the server, and it works while offline).
 */
import { pcmToWav } from '../../../miniprogram/recorder/wav-header';

/** What the worklet produces: 16 kHz mono 16-bit PCM. */
const SAMPLE_RATE = 16000;
const BYTES_PER_SECOND = SAMPLE_RATE * 2;

export interface Clip {
  durationMs: number;
  url: string;
}

export class SegmentClips {
  readonly clips: Clip[] = [];
  private open: Uint8Array[] = [];
  private openBytes = 0;

  add(pcm: Uint8Array): void {
    this.open.push(pcm);
    this.openBytes += pcm.byteLength;
  }

  /** Closes the segment being recorded (on pause or stop); an empty one is not listed. */
  seal(): void {
    if (this.openBytes === 0) return;
    const pcm = new Uint8Array(this.openBytes);
    let offset = 0;
    for (const chunk of this.open) {
      pcm.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const wav = pcmToWav(pcm.buffer, SAMPLE_RATE, 1);
    this.clips.push({
      durationMs: (this.openBytes / BYTES_PER_SECOND) * 1000,
      url: URL.createObjectURL(new Blob([wav], { type: 'audio/wav' })),
    });
    this.open = [];
    this.openBytes = 0;
  }

  /** A new recording: the old clips' memory is released. */
  clear(): void {
    for (const clip of this.clips) URL.revokeObjectURL(clip.url);
    this.clips.length = 0;
    this.open = [];
    this.openBytes = 0;
  }
}
