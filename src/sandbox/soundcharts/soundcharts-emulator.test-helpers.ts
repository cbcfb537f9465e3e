// HTTP helpers for the emulator's own specs (real fetch against a started emulator).
import { parseResponse, sendJson, type HttpResult } from '../common/sandbox-test-helpers';
import type { SoundchartsEmulator } from './soundcharts-emulator';

/** GET `path` (e.g. "/api/v2.25/song/…") with the emulator's credentials, or with `headers` instead. */
export async function scGet<T>(
  emu: SoundchartsEmulator,
  path: string,
  headers: Readonly<Record<string, string>> = emu.authHeaders,
): Promise<HttpResult<T>> {
  return parseResponse<T>(await fetch(`${emu.url}${path}`, { headers }));
}

export async function control<T>(
  emu: SoundchartsEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<HttpResult<T>> {
  return sendJson<T>(method, `${emu.url}/__sandbox${path}`, body);
}

export function quotaOf(res: HttpResult<unknown>): number {
  return Number(res.headers.get('x-quota-remaining'));
}
