/**
 * The admin API client: unwraps `{ok, data}` envelopes, throws ApiError with the server's code, and sends
 * the CSRF token (from /api/me or login) on every state change.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const json = body === undefined ? undefined : JSON.stringify(body);
  return send<T>(method, path, json, json === undefined ? undefined : 'application/json');
}

/** Sends a file as the whole request body (the roster import). */
export function upload<T>(path: string, file: Blob, contentType: string): Promise<T> {
  return send<T>('POST', path, file, contentType);
}

async function send<T>(method: Method, path: string, body?: BodyInit, contentType?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, body });
  const envelope = (await res.json().catch(() => null)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } } | null;
  if (!envelope) throw new ApiError('INTERNAL', `HTTP ${res.status}`, res.status);
  if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message, res.status);
  return envelope.data;
}

export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
