import type { Envelope } from '../../../typings/errors';
import type { CloudPort } from '../../../miniprogram/recorder/port';
import type { MemoryFiles } from './fake-files';

export type FunctionHandler = (data: Record<string, unknown>) => Promise<unknown> | unknown;

/** In-memory stand-in for wx.cloud: keeps what was uploaded and every function call, in order. */
export class FakeCloud implements CloudPort {
  readonly uploads = new Map<string, Uint8Array>();
  readonly calls: Array<{ name: string; data: Record<string, unknown> }> = [];
  /** Events in order across uploads and calls, for asserting what happened before what. */
  readonly log: string[] = [];
  uploadFailure: Error | undefined;
  readonly handlers: Record<string, FunctionHandler> = {
    whoami: () => ok({ openid: 'student-openid' }),
    getStudentProfile: () => ok({ profile: null }),
    saveStudentProfile: (data) => ok({ name: data.name, className: data.className }),
    ingestSegment: (data) =>
      ok({
        recordingId: data.recordingId,
        seq: data.seq,
        status: 'converted',
        mp3FileID: String(data.fileID).replace(/\.wav$/, '.mp3'),
        durationMs: data.durationMs,
      }),
    // Signs what the fake ingest and finalize above produced, as the server signs its own files.
    getPlaybackUrls: (data) => {
      const id = String(data.recordingId);
      const seqs = (data.seqs as number[] | undefined) ?? [];
      const url = (path: string) => `https://tmp.example/${encodeURIComponent(path)}`;
      return ok({
        recordingId: id,
        fullMp3Url: data.seqs ? undefined : url(`full-${id}.mp3`),
        segments: seqs.map((seq) => ({ seq, mp3Url: url(`${id}/${seq}.mp3`) })),
      });
    },
    // Like the real finalize: it joins every segment whose WAV is in storage, and names the others missing.
    finalizeRecording: (data) => {
      const missingSeqs = Array.from({ length: Number(data.segmentCount) }, (_, seq) => seq).filter(
        (seq) =>
          ![...this.uploads.keys()].some((path) => path.endsWith(`/${String(data.recordingId)}/${seq}.wav`)),
      );
      return ok({
        recordingId: data.recordingId,
        status: missingSeqs.length > 0 ? 'partial' : 'ready',
        durationMs: 0,
        fullMp3FileID: `cloud://env.b/full-${data.recordingId}.mp3`,
        ...(missingSeqs.length > 0 ? { missingSeqs } : {}),
      });
    },
  };
  /** Called just before an upload or function call runs: tests use it to look at the journal at that moment. */
  beforeEach: ((what: string) => void) | undefined;

  constructor(private readonly files: MemoryFiles) {}

  async uploadFile(cloudPath: string, filePath: string): Promise<string> {
    this.beforeEach?.(`upload ${cloudPath}`);
    this.log.push(`upload ${cloudPath}`);
    if (this.uploadFailure) throw this.uploadFailure;
    this.uploads.set(cloudPath, new Uint8Array(this.files.read(filePath)));
    return `cloud://env.bucket/${cloudPath}`;
  }

  async callFunction(name: string, data: object): Promise<unknown> {
    this.beforeEach?.(`call ${name}`);
    this.log.push(`call ${name}`);
    this.calls.push({ name, data: data as Record<string, unknown> });
    const handler = this.handlers[name];
    if (!handler) throw { errMsg: `cloud.callFunction:fail function ${name} not found` };
    return handler(data as Record<string, unknown>);
  }

  callsTo(name: string): Array<Record<string, unknown>> {
    return this.calls.filter((c) => c.name === name).map((c) => c.data);
  }
}

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data };
}
