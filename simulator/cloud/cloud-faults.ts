import { AppError, ErrorCode } from '../../typings/errors';
import { Uplink, type LinkProfile, type ProfileName } from './network-profile';

/**
 * What can go wrong with one wx.cloud request on its way between the phone and the server:
 * - `error`: the cloud answers with an error, having done nothing (the original `failNextCalls`);
 * - `lost-before`: the request never reaches the server;
 * - `reply-lost`: the server does the work, the phone never hears the answer;
 * - `duplicate`: the request reaches the server twice (the phone hears the first answer back);
 * - `cut`: an upload's connection drops midway (`fraction` of the bytes sent, default 0.5).
 * `phoneSees: 'timeout'` makes the phone notice a lost request or reply only at its client timeout
 * (default 'reset': a connection reset, noticed at once, which keeps tests fast).
 */
export type NetworkFault =
  | { kind: 'error'; errCode: number; errMsg: string }
  | { kind: 'lost-before'; phoneSees?: 'reset' | 'timeout' }
  | { kind: 'reply-lost'; phoneSees?: 'reset' | 'timeout' }
  | { kind: 'duplicate'; gapMs?: number }
  | { kind: 'cut'; fraction?: number };

export type FaultKind = NetworkFault['kind'];

export type CloudApi = 'callFunction' | 'uploadFile' | 'downloadFile' | 'getTempFileURL' | 'deleteFile';

/** One request about to leave the phone, as a fault policy sees it. */
export interface CloudRequest {
  api: CloudApi;
  /** Function name for callFunction, cloudPath for uploadFile, fileID(s) otherwise. */
  target: string;
  /** Bytes sent up: the file for uploads, the JSON payload for calls. */
  bytes: number;
}

/** Kept for `failNextCalls`' `fault` argument. */
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
  /** The fault applied to this request, if any. */
  fault?: FaultKind;
  /** How many times the request reached the server (0 when lost before, 2 when duplicated). */
  deliveries: number;
}

/** Client-side timeouts in wall ms; see README "Facts checked" for the sources. */
export interface ClientTimeouts {
  callFunction: number;
  uploadFile: number;
  /** downloadFile, getTempFileURL, deleteFile. */
  other: number;
}

export const DEFAULT_CLIENT_TIMEOUTS: Readonly<ClientTimeouts> = {
  callFunction: 35_000,
  uploadFile: 60_000,
  other: 60_000,
};

const DEFAULT_FAULT: InjectedFault = {
  errCode: -504002,
  errMsg: 'functions execute fail (injected by the simulator)',
};

type FaultArg = NetworkFault | Exclude<FaultKind, 'error'>;

function faultOf(arg: FaultArg): NetworkFault {
  return typeof arg === 'string' ? ({ kind: arg } as NetworkFault) : arg;
}

/**
 * The network between the phone and the cloud, as a test drives it: scheduled faults per function or
 * per API, a policy hook for seeded exploration, client timeouts, an uplink profile, a log of every
 * request, and the server-side work still running after the phone gave up. It belongs to the
 * simulator (the world outside the app), so it survives kill/relaunch.
 */
export class CloudFaults {
  private readonly pending = new Map<string, NetworkFault[]>();
  private readonly serverWork = new Set<Promise<unknown>>();
  /** Extra wall ms before every request (on top of the uplink profile). */
  latencyMs = 0;
  readonly calls: CloudCallRecord[] = [];
  readonly timeouts: ClientTimeouts = { ...DEFAULT_CLIENT_TIMEOUTS };
  readonly uplink = new Uplink();
  /**
   * Asked for every request no scheduled fault covers: return a fault or nothing. A seeded explorer
   * sets this (e.g. from a PRNG); scheduled faults always win.
   */
  policy: ((request: CloudRequest) => NetworkFault | undefined) | null = null;

  /** The next `count` callFunction(name) calls fail with `fault` (a function error by default). */
  failNextCalls(name: string, count: number, fault: Partial<InjectedFault> = {}): void {
    this.queue(`callFunction:${name}`, count, { kind: 'error', ...DEFAULT_FAULT, ...fault });
  }

  failNextUploads(count: number, fault: Partial<InjectedFault> = {}): void {
    this.queue('uploadFile', count, {
      kind: 'error',
      errCode: -503001,
      errMsg: 'storage request fail (injected by the simulator)',
      ...fault,
    });
  }

  /** The next `count` callFunction(name) requests meet `fault` ('reply-lost', 'duplicate', …). */
  injectCall(name: string, fault: FaultArg, count = 1): void {
    const f = faultOf(fault);
    if (f.kind === 'cut') throw new AppError(ErrorCode.INVALID_ARGUMENT, "'cut' applies to uploads only");
    this.queue(`callFunction:${name}`, count, f);
  }

  /** The next `count` uploads meet `fault` (any kind, 'cut' included). */
  injectUpload(fault: FaultArg, count = 1): void {
    this.queue('uploadFile', count, faultOf(fault));
  }

  /** '4g' (8 Mbit/s up, 60 ms RTT), '3g' (1 Mbit/s up, 150 ms RTT), your own, or null (ideal link). */
  setProfile(profile: ProfileName | LinkProfile | null): void {
    this.uplink.set(profile);
  }

  private queue(key: string, count: number, fault: NetworkFault): void {
    const list = this.pending.get(key) ?? [];
    for (let i = 0; i < count; i += 1) list.push({ ...fault });
    this.pending.set(key, list);
  }

  /**
   * The fault for this request: the next scheduled one for `key`, else the policy's answer (asked only
   * when `request` is given, so draining the schedule with `take(key)` leaves the policy alone).
   */
  take(key: string, request?: CloudRequest): NetworkFault | undefined {
    const scheduled = this.pending.get(key)?.shift();
    if (scheduled || !request) return scheduled;
    return this.policy?.(request) ?? undefined;
  }

  /** Drops every scheduled fault (the network is healthy again); the policy stays. */
  clearScheduled(): void {
    this.pending.clear();
  }

  /** Tracks server-side work the phone may stop waiting for; its failure is the phone's business only. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.serverWork.add(settled);
    void settled.then(() => this.serverWork.delete(settled));
    return work;
  }

  /** Requests the server received and has not finished (including ones the phone gave up on). */
  get serverInFlight(): number {
    return this.serverWork.size;
  }

  /** Resolves when every request that reached the server has finished there. */
  async serverIdle(): Promise<void> {
    while (this.serverWork.size > 0) await Promise.all([...this.serverWork]);
  }

  record(entry: CloudCallRecord): void {
    this.calls.push(entry);
  }
}
