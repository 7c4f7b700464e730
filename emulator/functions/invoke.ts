/** `functions.invokeFunction`: runs a function for a caller and answers with what `main` returned. */
import { invalidParam } from '../errors';
import type { FunctionRegistry } from './registry';

/** Who is calling: a Mini Program user (via the client surface) or a server SDK (no WeChat identity). */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
}

export interface InvokeRequest {
  name: unknown;
  event: unknown;
  caller: Caller;
  envId: string;
  requestId: string;
}

/** The variables wx-server-sdk's getWXContext() reads; keys not set for this caller are removed. */
function wxContextEnv(caller: Caller): Record<string, string | null> {
  return {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: caller.openid ?? null,
    WX_APPID: (caller.openid && caller.appid) || null,
    WX_UNIONID: (caller.openid && caller.unionid) || null,
    TCB_SOURCE: caller.openid ? 'wx_client' : null,
  };
}

/** Returns the JSON text of main's result; throws CloudError when it threw, crashed or timed out. */
export async function invokeFunction(registry: FunctionRegistry, request: InvokeRequest): Promise<string> {
  const pool = registry.pool(request.name);
  const { timeoutMs, memoryMb } = registry.settingsOf(request.name as string);
  const env = wxContextEnv(request.caller);
  const context = {
    request_id: request.requestId,
    function_name: request.name,
    function_version: '$LATEST',
    namespace: request.envId,
    memory_limit_in_mb: memoryMb,
    time_limit_in_ms: timeoutMs,
    environment: JSON.stringify({ ...env, TCB_ENV: request.envId, SCF_NAMESPACE: request.envId }),
  };
  // Past the timeout the instance is killed and the caller gets FUNCTIONS_TIME_LIMIT_EXCEEDED (-504003).
  const outcome = await pool.invoke(request.event, context, env, timeoutMs);
  if (!outcome.ok) throw outcome.error;
  return outcome.response;
}

/** The node SDK sends the event as a JSON string in `request_data` ('' for none). */
export function eventFromRequestData(requestData: unknown): unknown {
  if (requestData === undefined || requestData === '') return {};
  if (typeof requestData !== 'string') throw invalidParam('request_data must be a JSON string');
  try {
    return JSON.parse(requestData);
  } catch {
    throw invalidParam('request_data is not valid JSON');
  }
}
