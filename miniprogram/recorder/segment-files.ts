import { HEADER_BYTES, pcmDurationMs, pcmToWav, wavHeader } from './wav-header';
import type { FilesPort } from './port';

export interface SealedAudio {
  wavFile: string;
  durationMs: number;
  /** WAV bytes, header included: what lands in cloud storage. */
  bytes: number;
}

/**
 * Where a recording's audio lives on the phone: `{USER_DATA_PATH}/recorder/{recordingId}/{seq}.wav`, one
 * file from the first frame on. It opens with 44 bytes kept for the header, frames are appended one by one
 * (a kill loses at most the frame in flight), and sealing writes the true header over those 44 bytes in
 * place. So sealing needs no free space: a phone whose storage filled up mid-take still seals everything
 * it saved. (App versions before this one wrote `{seq}.pcm` and copied it into the WAV; recovery still
 * seals such a file the old way.)
 */
export class SegmentFiles {
  constructor(private readonly files: FilesPort) {}

  /** Recording ids that have a folder of audio on the phone. */
  recordingsOnDisk(): string[] {
    return this.files.list(`${this.files.rootDir}/recorder`);
  }

  /** Paths of the audio files in a recording's folder. */
  filesOf(recordingId: string): string[] {
    const dir = this.recordingDir(recordingId);
    return this.files.list(dir).map((name) => `${dir}/${name}`);
  }

  recordingDir(recordingId: string): string {
    return `${this.files.rootDir}/recorder/${recordingId}`;
  }

  wavFile(recordingId: string, seq: number): string {
    return `${this.recordingDir(recordingId)}/${seq}.wav`;
  }

  open(recordingId: string, seq: number): string {
    this.files.ensureDir(this.recordingDir(recordingId));
    const path = this.wavFile(recordingId, seq);
    this.files.write(path, new ArrayBuffer(HEADER_BYTES));
    return path;
  }

  append(file: string, frame: ArrayBuffer): void {
    this.files.append(file, frame);
  }

  /**
   * Makes `localFile` (the segment's file while writing) a true WAV: the audio cut to whole sample frames
   * (a kill mid-append can leave half a sample), then its header written in place. Idempotent, so
   * recovery may seal again what a kill interrupted. A missing file seals as empty.
   */
  seal(localFile: string, wavFile: string, sampleRate: number, channels: number): SealedAudio {
    if (localFile !== wavFile) return this.sealLegacyPcm(localFile, wavFile, sampleRate, channels);
    const size = this.files.exists(wavFile) ? this.files.size(wavFile) : 0;
    const pcmBytes = Math.max(0, size - HEADER_BYTES);
    const usable = pcmBytes - (pcmBytes % (channels * 2));
    if (usable === 0) return { wavFile, durationMs: 0, bytes: 0 };
    if (usable !== pcmBytes) this.files.truncate(wavFile, HEADER_BYTES + usable);
    this.files.writeAt(wavFile, 0, wavHeader(usable, sampleRate, channels));
    return { wavFile, durationMs: pcmDurationMs(usable, sampleRate, channels), bytes: HEADER_BYTES + usable };
  }

  /** An older app's `{seq}.pcm`: copied into the WAV (needs its size free); the PCM goes once journaled. */
  private sealLegacyPcm(pcmPath: string, wavFile: string, sampleRate: number, channels: number): SealedAudio {
    const pcm = this.files.exists(pcmPath) ? this.files.read(pcmPath) : new ArrayBuffer(0);
    const wav = pcmToWav(pcm, sampleRate, channels);
    this.files.write(wavFile, wav);
    const usable = wav.byteLength - HEADER_BYTES;
    return { wavFile, durationMs: pcmDurationMs(usable, sampleRate, channels), bytes: wav.byteLength };
  }

  exists(filePath: string): boolean {
    return this.files.exists(filePath);
  }

  removeIfPresent(filePath: string): void {
    if (this.files.exists(filePath)) this.files.remove(filePath);
  }
}
