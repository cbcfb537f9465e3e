// HTTP helpers for the emulator's own specs (real fetch against a started emulator).
import { parseResponse, type HttpResult } from '../common/sandbox-test-helpers';
import type { SpotifyTokenJson } from './spotify-api.types';
import type { SpotifyEmulator } from './spotify-emulator';

export { sendJson } from '../common/sandbox-test-helpers';

export async function getJson<T>(url: string, token?: string): Promise<HttpResult<T>> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return parseResponse<T>(await fetch(url, { headers }));
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function postForm<T>(
  url: string,
  form: Record<string, string>,
  authorization?: string,
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (authorization !== undefined) headers.Authorization = authorization;
  return parseResponse<T>(
    await fetch(url, { method: 'POST', headers, body: new URLSearchParams(form).toString() }),
  );
}

export async function clientToken(emu: SpotifyEmulator): Promise<string> {
  const res = await postForm<SpotifyTokenJson>(
    `${emu.accountsUrl}/api/token`,
    { grant_type: 'client_credentials' },
    basicAuth(emu.clientId, emu.clientSecret),
  );
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return res.body.access_token;
}

export const REDIRECT_URI = 'http://127.0.0.1:8888/callback';

/** Runs /authorize (auto-approved) and returns the code from the redirect. */
export async function authorizeCode(
  emu: SpotifyEmulator,
  scope: string,
  redirectUri = REDIRECT_URI,
): Promise<string> {
  const params = new URLSearchParams({
    client_id: emu.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope,
    state: 'xyz',
  });
  const res = await fetch(`${emu.accountsUrl}/authorize?${params.toString()}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  const code = location === null ? null : new URL(location).searchParams.get('code');
  if (res.status !== 302 || code === null)
    throw new Error(`authorize failed: ${res.status} ${location ?? ''}`);
  return code;
}

/** Full authorization-code flow over HTTP. */
export async function userToken(
  emu: SpotifyEmulator,
  scope = 'user-read-recently-played',
): Promise<Required<SpotifyTokenJson>> {
  const code = await authorizeCode(emu, scope);
  const res = await postForm<Required<SpotifyTokenJson>>(
    `${emu.accountsUrl}/api/token`,
    { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI },
    basicAuth(emu.clientId, emu.clientSecret),
  );
  if (res.status !== 200) throw new Error(`code exchange failed: ${res.status}`);
  return res.body;
}
