/**
 * `POST /admin`: the one endpoint both SDKs send every call to. Like CloudBase, failures answer HTTP 200
 * with `{code, message, requestId}` so the SDKs raise them with their code; successes are `{requestId, data}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudCode, CloudError, invalidParam, newRequestId, toCloudErrorBody } from '../errors';
import { runAction, successBody } from '../actions';
import type { Services } from '../services';
import { BodyTooLargeError, readBody } from './body';
import { sendJson } from './respond';

function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw invalidParam('request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidParam('request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** An empty envName is the SDK's "default environment"; any other name must be ours. */
function checkEnv(services: Services, body: Record<string, unknown>): void {
  const env = body.envName;
  if (env === undefined || env === '' || env === services.envId) return;
  throw new CloudError(
    CloudCode.INVALID_ENV,
    `unknown environment: ${String(env)} (this emulator serves ${services.envId})`,
  );
}

export async function handleAdmin(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  let action: unknown;
  try {
    const body = parseJsonObject(await readBody(req, services.bodyLimitBytes));
    action = body.action;
    checkEnv(services, body);
    const data = await runAction(services, body, requestId);
    sendJson(res, 200, successBody(action, requestId, data));
  } catch (err) {
    const error = err instanceof BodyTooLargeError ? invalidParam(err.message) : err;
    const envelope = toCloudErrorBody(error, requestId);
    services.log(`[admin] ${String(action ?? '?')} failed: ${envelope.code} ${envelope.message}`);
    sendJson(res, 200, envelope);
  }
}
