/** A signed-in (or anonymous) HTTP client for the admin API: keeps the session cookie and CSRF token. */
export interface ApiResult<T = unknown> {
  status: number;
  body: { ok: true; data: T } | { ok: false; error: { code: string; message: string; retryable: boolean } };
}

/** A request body and its content type. */
interface Payload {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
}

function jsonPayload(body: unknown): Payload | undefined {
  return body === undefined ? undefined : { body: JSON.stringify(body), contentType: 'application/json' };
}

export class AdminClient {
  cookie = '';
  csrfToken = '';

  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    return this.call<T>(method, path, jsonPayload(body), headers);
  }

  async raw(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.send(method, path, jsonPayload(body), headers);
  }

  /** Sends a file as the request body (e.g. a roster: CSV or XLSX bytes), with the session and CSRF token. */
  async upload<T = unknown>(path: string, bytes: Buffer, contentType: string): Promise<ApiResult<T>> {
    return this.call<T>('POST', path, { body: new Uint8Array(bytes), contentType });
  }

  /** Sends and reads the envelope: what request and upload share. */
  private async call<T>(
    method: string,
    path: string,
    payload: Payload | undefined,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const res = await this.send(method, path, payload, headers);
    return { status: res.status, body: (await res.json()) as ApiResult<T>['body'] };
  }

  /** One request with the session cookie and (for anything but GET) the CSRF token; keeps a new cookie. */
  private async send(
    method: string,
    path: string,
    payload: Payload | undefined,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in headers))
      all['x-csrf-token'] = this.csrfToken;
    if (payload) all['content-type'] = payload.contentType;
    const res = await fetch(this.baseUrl + path, { method, headers: all, body: payload?.body });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return res;
  }

  /** Signs in and keeps the session; returns the raw result so tests can assert refusals too. */
  async login(username: string, password: string) {
    const result = await this.request<{ csrfToken: string; teacherId: string }>('POST', '/api/login', {
      username,
      password,
    });
    if (result.body.ok) this.csrfToken = result.body.data.csrfToken;
    return result;
  }

  /** The data of a successful call; throws with the server's error otherwise. */
  async data<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { status, body: envelope } = await this.request<T>(method, path, body);
    if (!envelope.ok)
      throw new Error(`${method} ${path} → ${status} ${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  }
}
