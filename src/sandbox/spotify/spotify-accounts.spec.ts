import type {
  SpotifyAuthErrorJson,
  SpotifyErrorJson,
  SpotifyTokenJson,
  SpotifyTrackJson,
} from './spotify-api.types';
import { SpotifyEmulator } from './spotify-emulator';
import {
  authorizeCode,
  basicAuth,
  clientToken,
  getJson,
  postForm,
  REDIRECT_URI,
  sendJson,
  userToken,
} from './spotify-emulator.test-helpers';

describe('Spotify emulator: accounts service and bearer tokens', () => {
  let now = Date.UTC(2026, 5, 1);
  const emu = new SpotifyEmulator({ now: () => now, tokenTtlSeconds: 600 });
  let tokenUrl: string;
  let trackUrl: string;

  beforeAll(async () => {
    await emu.start();
    tokenUrl = `${emu.accountsUrl}/api/token`;
    trackUrl = `${emu.apiUrl}/tracks/${emu.catalog.known.accentedTrackId}`;
  });
  afterAll(() => emu.stop());
  beforeEach(() => emu.reset());

  describe('client credentials', () => {
    it('issues a bearer token (no refresh token) that the Web API accepts', async () => {
      const res = await postForm<SpotifyTokenJson>(
        tokenUrl,
        { grant_type: 'client_credentials' },
        basicAuth('sandbox-client-id', 'sandbox-client-secret'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600 });
      const track = await getJson<SpotifyTrackJson>(trackUrl, res.body.access_token);
      expect(track.status).toBe(200);
      expect(track.body.name).toBe('Café de Flore');
    });

    it('accepts client_id and client_secret in the form body', async () => {
      const res = await postForm<SpotifyTokenJson>(tokenUrl, {
        grant_type: 'client_credentials',
        client_id: emu.clientId,
        client_secret: emu.clientSecret,
      });
      expect(res.status).toBe(200);
    });

    it('answers invalid_client for a wrong secret or an unknown client', async () => {
      const wrongSecret = await postForm<SpotifyAuthErrorJson>(
        tokenUrl,
        { grant_type: 'client_credentials' },
        basicAuth(emu.clientId, 'nope'),
      );
      expect(wrongSecret.status).toBe(400);
      expect(wrongSecret.body).toEqual({
        error: 'invalid_client',
        error_description: 'Invalid client secret',
      });

      const unknown = await postForm<SpotifyAuthErrorJson>(
        tokenUrl,
        { grant_type: 'client_credentials' },
        basicAuth('someone-else', emu.clientSecret),
      );
      expect(unknown.body).toEqual({ error: 'invalid_client', error_description: 'Invalid client' });

      const none = await postForm<SpotifyAuthErrorJson>(tokenUrl, { grant_type: 'client_credentials' });
      expect(none.body.error).toBe('invalid_client');
    });

    it('rejects unknown or missing grant types and non-form bodies', async () => {
      const auth = basicAuth(emu.clientId, emu.clientSecret);
      const unknown = await postForm<SpotifyAuthErrorJson>(tokenUrl, { grant_type: 'password' }, auth);
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toBe('unsupported_grant_type');
      const missing = await postForm<SpotifyAuthErrorJson>(tokenUrl, {}, auth);
      expect(missing.body).toEqual({
        error: 'unsupported_grant_type',
        error_description: 'grant_type parameter is missing',
      });

      const asJson = await fetch(tokenUrl, {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      expect(asJson.status).toBe(400);
      expect(await asJson.json()).toMatchObject({ error: 'invalid_request' });
    });
  });

  describe('authorization code', () => {
    it('redirects to redirect_uri with code and state', async () => {
      const params = new URLSearchParams({
        client_id: emu.clientId,
        response_type: 'code',
        redirect_uri: 'https://app.example/cb?from=spotify',
        scope: 'user-read-recently-played',
        state: 'abc 123',
      });
      const res = await fetch(`${emu.accountsUrl}/authorize?${params.toString()}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.origin + location.pathname).toBe('https://app.example/cb');
      expect(location.searchParams.get('from')).toBe('spotify');
      expect(location.searchParams.get('state')).toBe('abc 123');
      expect(location.searchParams.get('code')).toMatch(/^\S{20,}$/);
    });

    it('refuses a bad client_id, a missing redirect_uri and an insecure redirect_uri', async () => {
      const base = { client_id: emu.clientId, response_type: 'code', redirect_uri: REDIRECT_URI };
      const call = (params: Record<string, string>) =>
        fetch(`${emu.accountsUrl}/authorize?${new URLSearchParams(params).toString()}`, {
          redirect: 'manual',
        });
      expect((await call({ ...base, client_id: 'unknown' })).status).toBe(400);
      const { redirect_uri: _omitted, ...withoutRedirect } = base;
      expect((await call(withoutRedirect)).status).toBe(400);
      expect((await call({ ...base, redirect_uri: 'http://localhost:8888/callback' })).status).toBe(400);
    });

    it('redirects with error=access_denied when the listener declines', async () => {
      await sendJson('POST', `${emu.url}/__sandbox/authorize`, { decision: 'deny' });
      const params = new URLSearchParams({
        client_id: emu.clientId,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        state: 's1',
      });
      const res = await fetch(`${emu.accountsUrl}/authorize?${params.toString()}`, { redirect: 'manual' });
      const location = new URL(res.headers.get('location') ?? '');
      expect(location.searchParams.get('error')).toBe('access_denied');
      expect(location.searchParams.get('state')).toBe('s1');
      expect(location.searchParams.has('code')).toBe(false);
    });

    it('exchanges a code once for access + refresh token with the granted scope', async () => {
      const code = await authorizeCode(emu, 'user-read-recently-played user-read-email');
      const auth = basicAuth(emu.clientId, emu.clientSecret);
      const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
      const first = await postForm<SpotifyTokenJson>(tokenUrl, form, auth);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 600,
        scope: 'user-read-recently-played user-read-email',
        refresh_token: expect.any(String),
      });
      const again = await postForm<SpotifyAuthErrorJson>(tokenUrl, form, auth);
      expect(again.status).toBe(400);
      expect(again.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
    });

    it('rejects a code redeemed with another redirect_uri, and unknown codes', async () => {
      const auth = basicAuth(emu.clientId, emu.clientSecret);
      const code = await authorizeCode(emu, '');
      const mismatch = await postForm<SpotifyAuthErrorJson>(
        tokenUrl,
        { grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9999/other' },
        auth,
      );
      expect(mismatch.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid redirect URI' });
      const unknown = await postForm<SpotifyAuthErrorJson>(
        tokenUrl,
        { grant_type: 'authorization_code', code: 'made-up', redirect_uri: REDIRECT_URI },
        auth,
      );
      expect(unknown.body.error).toBe('invalid_grant');
    });
  });

  describe('refresh tokens', () => {
    it('refreshes without returning a new refresh token; the old one keeps working', async () => {
      const { refresh_token } = await userToken(emu);
      const auth = basicAuth(emu.clientId, emu.clientSecret);
      const first = await postForm<SpotifyTokenJson>(
        tokenUrl,
        { grant_type: 'refresh_token', refresh_token },
        auth,
      );
      expect(first.status).toBe(200);
      expect(first.body.refresh_token).toBeUndefined();
      expect(first.body.scope).toBe('user-read-recently-played');
      const played = await getJson(`${emu.apiUrl}/me/player/recently-played`, first.body.access_token);
      expect(played.status).toBe(200);
      const second = await postForm<SpotifyTokenJson>(
        tokenUrl,
        { grant_type: 'refresh_token', refresh_token },
        auth,
      );
      expect(second.status).toBe(200);
    });

    it('answers invalid_grant once the refresh token is revoked', async () => {
      const { refresh_token } = await userToken(emu);
      const revoke = await sendJson<{ revoked: number }>('POST', `${emu.url}/__sandbox/tokens/revoke`, {
        refresh_token,
      });
      expect(revoke.body.revoked).toBe(1);
      const res = await postForm<SpotifyAuthErrorJson>(
        tokenUrl,
        { grant_type: 'refresh_token', refresh_token },
        basicAuth(emu.clientId, emu.clientSecret),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid refresh token' });
    });
  });

  describe('bearer tokens on the Web API', () => {
    it('answers 401 "No token provided" without Authorization', async () => {
      const res = await getJson<SpotifyErrorJson>(trackUrl);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { status: 401, message: 'No token provided' } });
    });

    it('answers 401 "Invalid access token" for an unknown token', async () => {
      const res = await getJson<SpotifyErrorJson>(trackUrl, 'not-a-token');
      expect(res.body).toEqual({ error: { status: 401, message: 'Invalid access token' } });
    });

    it('answers 400 for non-bearer authorization', async () => {
      const res = await fetch(trackUrl, { headers: { Authorization: basicAuth('a', 'b') } });
      expect(res.status).toBe(400);
    });

    it('expires every issued token on demand; tokens issued later work', async () => {
      const token = await clientToken(emu);
      expect((await getJson(trackUrl, token)).status).toBe(200);
      const expire = await fetch(`${emu.url}/__sandbox/tokens/expire`, { method: 'POST' });
      expect(expire.status).toBe(200);
      const res = await getJson<SpotifyErrorJson>(trackUrl, token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { status: 401, message: 'The access token expired' } });
      expect((await getJson(trackUrl, await clientToken(emu))).status).toBe(200);
    });

    it('expires tokens after expires_in on the emulator clock', async () => {
      const token = await clientToken(emu);
      now += 599_000;
      expect((await getJson(trackUrl, token)).status).toBe(200);
      now += 2_000;
      const res = await getJson<SpotifyErrorJson>(trackUrl, token);
      expect(res.body.error.message).toBe('The access token expired');
    });

    it('refuses /me endpoints to client-credentials tokens and to user tokens without the scope', async () => {
      const recently = `${emu.apiUrl}/me/player/recently-played`;
      const asClient = await getJson<SpotifyErrorJson>(recently, await clientToken(emu));
      expect(asClient.status).toBe(403);
      expect(asClient.body).toEqual({ error: { status: 403, message: 'Insufficient client scope' } });
      const noScope = await userToken(emu, 'user-read-email');
      expect((await getJson(recently, noScope.access_token)).status).toBe(403);
    });
  });
});
