/**
 * `POST /timers/fire {name}`: runs that function's timer trigger now (emulator/functions/timers.ts).
 * An emulator control, not part of CloudBase's protocol: CloudBase fires timers by its own clock.
 * Answers `{requestId, trigger, result}`, or `{code, message, requestId}` with 400 (bad request or
 * config.json), 404 (no such function or no trigger) or 500 (the function failed).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudCode, invalidParam, newRequestId, toCloudErrorBody } from '../errors';
import { fireTimer } from '../functions/timers';
import type { Services } from '../services';
import { readBody } from './body';
import { sendJson } from './respond';

export const TIMER_FIRE_PATH = '/timers/fire';

function statusOf(code: string): number {
  if (code === CloudCode.INVALID_PARAM) return 400;
  return code === CloudCode.FUNCTIONS_REQUEST_FAIL ? 404 : 500;
}

async function nameOf(req: IncomingMessage): Promise<unknown> {
  try {
    return (JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as { name?: unknown }).name;
  } catch {
    throw invalidParam(`${TIMER_FIRE_PATH} takes a JSON body {"name": "<function>"}`);
  }
}

export async function handleTimerFire(services: Services, req: IncomingMessage, res: ServerResponse) {
  const requestId = newRequestId();
  try {
    const fired = await fireTimer(services.functions, {
      functionName: await nameOf(req),
      envId: services.envId,
      requestId,
    });
    services.log(`[timer] ${fired.trigger.functionName}/${fired.trigger.name} fired`);
    sendJson(res, 200, { requestId, trigger: fired.trigger, result: JSON.parse(fired.response) as unknown });
  } catch (err) {
    const body = toCloudErrorBody(err, requestId);
    services.log(`[timer] failed: ${body.code} ${body.message}`);
    sendJson(res, statusOf(body.code), body);
  }
}
