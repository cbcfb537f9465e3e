// HTTP helpers for the emulators' own specs (real fetch against a started emulator).

export interface HttpResult<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function parseResponse<T>(res: Response): Promise<HttpResult<T>> {
  const text = await res.text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  return { status: res.status, headers: res.headers, body: body as T };
}

/** Any method with an optional JSON body (control API calls, POSTs to the emulated API). */
export async function sendJson<T>(method: string, url: string, body?: unknown): Promise<HttpResult<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  return parseResponse<T>(await fetch(url, init));
}
