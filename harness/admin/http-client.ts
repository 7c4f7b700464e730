/** A signed-in (or anonymous) HTTP client for the admin API: keeps the session cookie and CSRF token. */
export interface ApiResult<T = unknown> {
  status: number;
  body: { ok: true; data: T } | { ok: false; error: { code: string; message: string; retryable: boolean } };
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
  ) {
    const res = await this.raw(method, path, body, headers);
    return { status: res.status, body: (await res.json()) as ApiResult<T>['body'] };
  }

  async raw(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const all: Record<string, string> = { ...headers };
    if (this.cookie) all.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET' && !('x-csrf-token' in headers))
      all['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) all['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: all,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return res;
  }

  /** Sends a file as the request body (e.g. a roster: CSV or XLSX bytes), with the session and CSRF token. */
  async upload<T = unknown>(path: string, bytes: Buffer, contentType: string): Promise<ApiResult<T>> {
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrfToken, 'content-type': contentType },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: (await res.json()) as ApiResult<T>['body'] };
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
