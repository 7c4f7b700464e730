/**
 * Timer triggers, as WeChat declares them: `<function>/config.json` with
 * `{"triggers": [{"name", "type": "timer", "config": "<7-field cron>"}]}` (one trigger at most; name up to
 * 60 of a-z A-Z 0-9 - _, starting with a letter; cron fields second minute hour day month weekday year).
 * The emulator does not keep a clock: a trigger runs on demand (`POST /timers/fire`, `npm run timer`),
 * so tests and demos never wait. The function gets SCF's timer event and no caller identity, as on
 * CloudBase, and its result is returned to whoever fired it (CloudBase discards it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudError, invalidParam } from '../errors';
import { CloudCode } from '../errors';
import type { FunctionRegistry } from './registry';
import { invokeFunction } from './invoke';

export interface TimerTrigger {
  functionName: string;
  name: string;
  cron: string;
}

const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;
const CRON_FIELD = /^[A-Za-z0-9*,/?#LW-]+$/;

function parseTrigger(functionName: string, raw: unknown): TimerTrigger {
  const where = `${functionName}/config.json`;
  const triggers = (raw as { triggers?: unknown } | null)?.triggers;
  if (!Array.isArray(triggers) || triggers.length !== 1)
    throw invalidParam(`${where}: "triggers" must hold exactly one trigger (WeChat supports one)`);
  const t = triggers[0] as { name?: unknown; type?: unknown; config?: unknown };
  if (typeof t.name !== 'string' || !TRIGGER_NAME.test(t.name))
    throw invalidParam(`${where}: trigger name must be 1–60 of a-z A-Z 0-9 - _ starting with a letter`);
  if (t.type !== 'timer') throw invalidParam(`${where}: trigger type must be "timer"`);
  const fields = typeof t.config === 'string' ? t.config.trim().split(/\s+/) : [];
  if (fields.length !== 7 || !fields.every((f) => CRON_FIELD.test(f)))
    throw invalidParam(`${where}: config must be a 7-field cron (second minute hour day month weekday year)`);
  return { functionName, name: t.name, cron: fields.join(' ') };
}

/** The function's timer trigger; a function without config.json (or without triggers) has none. */
export function readTimerTrigger(functionsDir: string, functionName: string): TimerTrigger {
  const file = path.join(functionsDir, functionName, 'config.json');
  if (!existsSync(file))
    throw new CloudError(CloudCode.FUNCTIONS_REQUEST_FAIL, `${functionName} declares no timer trigger`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw invalidParam(`${functionName}/config.json is not valid JSON`);
  }
  return parseTrigger(functionName, raw);
}

/** Runs a function's timer trigger now; resolves the JSON text of what its main returned. */
export async function fireTimer(
  registry: FunctionRegistry,
  request: { functionName: unknown; envId: string; requestId: string; now?: Date },
): Promise<{ trigger: TimerTrigger; response: string }> {
  if (typeof request.functionName !== 'string') throw invalidParam('name must be a function name');
  registry.pool(request.functionName); // same name rules and "not found" as an invocation
  const trigger = readTimerTrigger(registry.functionsDir, request.functionName);
  const event = {
    Type: 'Timer',
    TriggerName: trigger.name,
    Time: (request.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Message: '',
  };
  const response = await invokeFunction(registry, {
    name: request.functionName,
    event,
    caller: {},
    envId: request.envId,
    requestId: request.requestId,
  });
  return { trigger, response };
}
