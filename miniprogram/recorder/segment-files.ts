import { pcmDurationMs, pcmToWav } from './wav-header';
import type { FilesPort } from './port';

export interface SealedAudio {
  wavFile: string;
  durationMs: number;
  /** WAV bytes, header included: what lands in cloud storage. */
  bytes: number;
}

/**
 * Where a recording's audio lives on the phone: `{USER_DATA_PATH}/recorder/{recordingId}/{seq}.pcm` while
 * frames arrive (appended one by one, so a kill loses at most the frame in flight), `{seq}.wav` once sealed.
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

  pcmFile(recordingId: string, seq: number): string {
    return `${this.recordingDir(recordingId)}/${seq}.pcm`;
  }

  wavFile(recordingId: string, seq: number): string {
    return `${this.recordingDir(recordingId)}/${seq}.wav`;
  }

  open(recordingId: string, seq: number): string {
    this.files.ensureDir(this.recordingDir(recordingId));
    const path = this.pcmFile(recordingId, seq);
    this.files.write(path, new ArrayBuffer(0));
    return path;
  }

  append(pcmFile: string, frame: ArrayBuffer): void {
    this.files.append(pcmFile, frame);
  }

  /** Writes the WAV next to the PCM. The PCM stays until the journal records the seal (see `discardPcm`). */
  seal(recordingId: string, seq: number, sampleRate: number, channels: number): SealedAudio {
    const pcmPath = this.pcmFile(recordingId, seq);
    const pcm = this.files.exists(pcmPath) ? this.files.read(pcmPath) : new ArrayBuffer(0);
    const wav = pcmToWav(pcm, sampleRate, channels);
    const wavFile = this.wavFile(recordingId, seq);
    this.files.write(wavFile, wav);
    return {
      wavFile,
      durationMs: pcmDurationMs(wav.byteLength - 44, sampleRate, channels),
      bytes: wav.byteLength,
    };
  }

  discardPcm(recordingId: string, seq: number): void {
    this.removeIfPresent(this.pcmFile(recordingId, seq));
  }

  exists(filePath: string): boolean {
    return this.files.exists(filePath);
  }

  removeIfPresent(filePath: string): void {
    if (this.files.exists(filePath)) this.files.remove(filePath);
  }
}
