import * as nodeTimers from 'node:timers/promises';
import type { AppTimers } from '../core/app-timers';
import { asPhoneFailure, clientTimeout, cloudFailure, connectionReset } from './cloud-failure';
import type { CloudFaults, CloudRequest, NetworkFault } from './cloud-faults';

export interface DeliveryDeps {
  faults: CloudFaults;
  timers: AppTimers;
  online: () => boolean;
}

/** Filled in as the request travels, so the call log says what happened even when it failed. */
export interface DeliveryTrace {
  fault?: NetworkFault['kind'];
  deliveries: number;
}

/** Sends the request to the server once; `cutAfterBytes` drops an upload's connection midway. */
export type Send<R> = (cutAfterBytes?: number) => Promise<R>;

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

function timeoutOf(deps: DeliveryDeps, request: CloudRequest): number {
  const { timeouts } = deps.faults;
  if (request.api === 'callFunction') return timeouts.callFunction;
  if (request.api === 'uploadFile') return timeouts.uploadFile;
  return timeouts.other;
}

/**
 * One wx.cloud request over the simulated network: the scheduled fault (or the policy's) applies, the
 * uplink delays it, and the phone gives up at its client timeout while the server goes on.
 */
export async function deliver<R>(
  deps: DeliveryDeps,
  key: string,
  request: CloudRequest,
  trace: DeliveryTrace,
  send: Send<R>,
): Promise<R> {
  const fault = deps.faults.take(key, request);
  trace.fault = fault?.kind;
  if (fault?.kind === 'error') throw cloudFailure(fault.errCode, fault.errMsg);
  const timeoutMs = timeoutOf(deps, request);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const gaveUp = new Promise<never>((_resolve, reject) => {
    timer = deps.timers.setTimeout(() => reject(clientTimeout(request.api, timeoutMs)), timeoutMs);
  });
  const travel = travelThrough(deps, request, fault, trace, send);
  // The phone may stop listening first; what the request does after that is the server's business.
  travel.catch(() => undefined);
  try {
    return await Promise.race([travel, gaveUp]);
  } finally {
    deps.timers.clearTimeout(timer);
  }
}

async function travelThrough<R>(
  deps: DeliveryDeps,
  request: CloudRequest,
  fault: NetworkFault | undefined,
  trace: DeliveryTrace,
  send: Send<R>,
): Promise<R> {
  const cutAt = cutPoint(request, fault);
  await uplinkDelay(deps, cutAt ?? request.bytes);
  // The network may have dropped while the request was on its way.
  if (!deps.online()) throw cloudFailure(-1, 'request:fail network is offline');
  if (fault && lostOnTheWay(fault, cutAt)) return lost(fault);
  const answer = await reachServer(deps, fault, trace, send, cutAt);
  await downlinkDelay(deps);
  if (fault?.kind === 'reply-lost') return lost(fault);
  if (!answer.ok) throw asPhoneFailure(answer.error);
  return answer.value;
}

/** 'cut' on anything but an upload loses the request, as a dropped connection would. */
function lostOnTheWay(fault: NetworkFault, cutAt: number | undefined): boolean {
  return fault.kind === 'lost-before' || (fault.kind === 'cut' && cutAt === undefined);
}

function cutPoint(request: CloudRequest, fault: NetworkFault | undefined): number | undefined {
  if (fault?.kind !== 'cut' || request.api !== 'uploadFile') return undefined;
  return Math.floor(request.bytes * (fault.fraction ?? 0.5));
}

async function uplinkDelay(deps: DeliveryDeps, bytes: number): Promise<void> {
  const delay = deps.faults.latencyMs + deps.faults.uplink.sendDelayMs(bytes);
  if (delay > 0) await deps.timers.sleep(delay);
}

async function downlinkDelay(deps: DeliveryDeps): Promise<void> {
  const delay = deps.faults.uplink.replyDelayMs();
  if (delay > 0) await deps.timers.sleep(delay);
}

/** The phone hears nothing: a reset now, or silence until its client timeout. */
function lost<R>(fault: NetworkFault): Promise<R> {
  if ('phoneSees' in fault && fault.phoneSees === 'timeout') return never<R>();
  throw connectionReset();
}

type Answer<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** The server side: once, twice (duplicate: the first answer back wins), or cut midway. */
async function reachServer<R>(
  deps: DeliveryDeps,
  fault: NetworkFault | undefined,
  trace: DeliveryTrace,
  send: Send<R>,
  cutAt: number | undefined,
): Promise<Answer<R>> {
  const once = (): Promise<Answer<R>> => {
    trace.deliveries += 1;
    return deps.faults.track(send(cutAt)).then(
      (value): Answer<R> => ({ ok: true, value }),
      (error: unknown): Answer<R> => ({ ok: false, error }),
    );
  };
  if (fault?.kind !== 'duplicate') return once();
  const first = once();
  const second = deps.faults.track(nodeTimers.setTimeout(fault.gapMs ?? 0).then(() => once()));
  return Promise.race([first, second]);
}
