// HTTP helpers for the emulator's own specs (real fetch against a started emulator).
import type { SoundchartsEmulator } from './soundcharts-emulator';

export interface HttpResult<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

async function parse<T>(res: Response): Promise<HttpResult<T>> {
  const text = await res.text();
  const body: unknown = text === '' ? undefined : JSON.parse(text);
  return { status: res.status, headers: res.headers, body: body as T };
}

/** GET `path` (e.g. "/api/v2.25/song/…") with the emulator's credentials, or with `headers` instead. */
export async function scGet<T>(
  emu: SoundchartsEmulator,
  path: string,
  headers: Readonly<Record<string, string>> = emu.authHeaders,
): Promise<HttpResult<T>> {
  return parse<T>(await fetch(`${emu.url}${path}`, { headers }));
}

export async function control<T>(
  emu: SoundchartsEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<HttpResult<T>> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  return parse<T>(await fetch(`${emu.url}/__sandbox${path}`, init));
}

export function quotaOf(res: HttpResult<unknown>): number {
  return Number(res.headers.get('x-quota-remaining'));
}
