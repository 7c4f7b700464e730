/**
 * What the server must remember about a browser recording to resume or finish it after a dropped socket
 * or a restart: who owns it, which files hold it, and where each sealed segment ends. Written atomically
 * (temp file, fsync, rename) before the side effect it describes.
 */
import { mkdir, open, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserRecordingKind } from '../../../typings/browser-recorder';
import { RECORDING_ID_PATTERN } from '../../../typings/paths';

export type RecordingPhase = 'recording' | 'finalizing' | 'finished';

export interface SealedSegment {
  seq: number;
  startOffset: number;
  endOffset: number;
}

export interface RecordingMeta {
  recordingId: string;
  ownerId: string;
  kind: BrowserRecordingKind;
  assignmentId?: string;
  sampleRate: number;
  channels: number;
  /** `{connectionId}-{timestamp}` of the connection that started it; files are `<fileBase>.pcm|.webm`. */
  fileBase: string;
  maxAudioBytes: number;
  maxBytes: number;
  segments: SealedSegment[];
  phase: RecordingPhase;
  result?: { status: string; durationMs: number; fullMp3FileID?: string; videoFileID?: string };
  createdAt: string;
}

export class RecordingMetaStore {
  constructor(private readonly dataDir: string) {}

  get mediaDir(): string {
    return this.dataDir;
  }

  async init(): Promise<void> {
    await mkdir(this.metaDir, { recursive: true });
  }

  mediaPath(meta: Pick<RecordingMeta, 'fileBase'>, ext: 'pcm' | 'webm'): string {
    return path.join(this.dataDir, `${meta.fileBase}.${ext}`);
  }

  async save(meta: RecordingMeta): Promise<void> {
    const target = this.metaPath(meta.recordingId);
    const temp = `${target}.${process.pid}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(meta, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  }

  /** The stored meta, or undefined when there is none (or the id could not be one of ours). */
  async load(recordingId: string): Promise<RecordingMeta | undefined> {
    if (!RECORDING_ID_PATTERN.test(recordingId)) return undefined;
    try {
      return JSON.parse(await readFile(this.metaPath(recordingId), 'utf8')) as RecordingMeta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  /** Recordings a previous run left unfinished (a dropped page, a killed server). */
  async listUnfinished(): Promise<RecordingMeta[]> {
    const names = (await readdir(this.metaDir)).filter((name) => name.endsWith('.json'));
    const metas = await Promise.all(names.map((name) => this.load(name.slice(0, -'.json'.length))));
    return metas.filter((meta): meta is RecordingMeta => meta !== undefined && meta.phase !== 'finished');
  }

  private get metaDir(): string {
    return path.join(this.dataDir, 'meta');
  }

  private metaPath(recordingId: string): string {
    return path.join(this.metaDir, `${recordingId}.json`);
  }
}
