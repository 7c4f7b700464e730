/** A scripted failure for the next calls of one cloud function (or of uploads). */
export interface InjectedFault {
  errCode: number;
  errMsg: string;
}

export interface CloudCallRecord {
  api: string;
  /** Function name for callFunction, cloudPath for uploadFile, fileID(s) otherwise. */
  target: string;
  ok: boolean;
  errMsg: string;
}

const DEFAULT_FAULT: InjectedFault = {
  errCode: -504002,
  errMsg: 'functions execute fail (injected by the simulator)',
};

/**
 * Test hooks around wx.cloud: make the next N calls of a function (or the next N uploads) fail,
 * add latency to every call, and keep a log of what the app asked the cloud for.
 */
export class CloudFaults {
  private readonly pending = new Map<string, InjectedFault[]>();
  latencyMs = 0;
  readonly calls: CloudCallRecord[] = [];

  /** The next `count` callFunction(name) calls fail with `fault` (a function error by default). */
  failNextCalls(name: string, count: number, fault: Partial<InjectedFault> = {}): void {
    this.queue(`callFunction:${name}`, count, fault);
  }

  failNextUploads(count: number, fault: Partial<InjectedFault> = {}): void {
    this.queue('uploadFile', count, {
      errCode: -503001,
      errMsg: 'storage request fail (injected by the simulator)',
      ...fault,
    });
  }

  private queue(key: string, count: number, fault: Partial<InjectedFault>): void {
    const list = this.pending.get(key) ?? [];
    for (let i = 0; i < count; i += 1) list.push({ ...DEFAULT_FAULT, ...fault });
    this.pending.set(key, list);
  }

  /** Takes the next scripted fault for `key`, if any. */
  take(key: string): InjectedFault | undefined {
    return this.pending.get(key)?.shift();
  }

  record(entry: CloudCallRecord): void {
    this.calls.push(entry);
  }
}
