import type { SpotifyErrorJson } from './spotify-api.types';
import type { SpotifyCatalogSummary } from './spotify-catalog.types';
import { SpotifyEmulator } from './spotify-emulator';
import { basicAuth, clientToken, getJson, postForm, sendJson } from './spotify-emulator.test-helpers';
import type { SpotifyFault } from './spotify-faults';
import type { SpotifyRequestLogEntry } from './spotify-emulator.ops';

describe('Spotify emulator: control API, faults and rate limit', () => {
  let now = Date.UTC(2026, 6, 1, 12);
  const emu = new SpotifyEmulator({ now: () => now });
  const known = emu.catalog.known;
  let token: string;
  let trackUrl: string;
  const control = <T>(method: string, path: string, body?: unknown) =>
    sendJson<T>(method, `${emu.url}/__sandbox${path}`, body);

  beforeAll(async () => {
    await emu.start();
    token = await clientToken(emu);
    trackUrl = `${emu.apiUrl}/tracks/${known.accentedTrackId}`;
  });
  afterAll(() => emu.stop());
  beforeEach(async () => {
    await control('POST', '/reset');
  });

  it('fires a fault `count` times, then answers normally', async () => {
    const created = await control<SpotifyFault>('POST', '/faults', {
      status: 503,
      count: 2,
      path: '/v1/tracks',
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toEqual(expect.any(String));
    const statuses: number[] = [];
    let firstBody: unknown;
    for (let i = 0; i < 3; i++) {
      const res = await getJson<SpotifyErrorJson>(trackUrl, token);
      statuses.push(res.status);
      firstBody ??= res.body;
    }
    expect(statuses).toEqual([503, 503, 200]);
    expect(firstBody).toEqual({ error: { status: 503, message: 'Service unavailable' } });
  });

  it('answers an injected 429 with Retry-After and the quota reason', async () => {
    await control('POST', '/faults', { status: 429, retryAfter: 7, reason: 'QUOTA_EXCEEDED', count: 1 });
    const res = await getJson<SpotifyErrorJson>(trackUrl, token);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.body).toEqual({
      error: { status: 429, message: 'Too many requests', reason: 'QUOTA_EXCEEDED' },
    });
  });

  it('matches faults by path regex and method, and applies them to the token endpoint', async () => {
    await control('POST', '/faults', { status: 500, path: '^/api/token$', method: 'POST' });
    expect((await getJson(trackUrl, token)).status).toBe(200);
    const tokenRes = await postForm(
      `${emu.url}/api/token`,
      { grant_type: 'client_credentials' },
      basicAuth(emu.clientId, emu.clientSecret),
    );
    expect(tokenRes.status).toBe(500);
    const cleared = await control('DELETE', '/faults');
    expect(cleared.status).toBe(204);
    expect((await clientToken(emu)).length).toBeGreaterThan(10);
  });

  it('delays responses with delayMs alone', async () => {
    await control('POST', '/faults', { delayMs: 150, count: 1 });
    const started = Date.now();
    const res = await getJson(trackUrl, token);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('refuses an invalid fault', async () => {
    const res = await control<{ error: string }>('POST', '/faults', { count: 2 });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('status');
  });

  it('enforces a rolling 30 s window per client with Retry-After', async () => {
    const set = await control<{ requestsPer30s: number }>('POST', '/rate-limit', { requestsPer30s: 3 });
    expect(set.body.requestsPer30s).toBe(3);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await getJson(trackUrl, token)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await getJson<SpotifyErrorJson>(trackUrl, token);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);

    now += 31_000;
    expect((await getJson(trackUrl, token)).status).toBe(200);
    await control('POST', '/rate-limit', { requestsPer30s: false });
    for (let i = 0; i < 5; i++) expect((await getJson(trackUrl, token)).status).toBe(200);
  });

  it('logs every non-control request with method, path, query, time and status', async () => {
    await control('DELETE', '/requests');
    await getJson(`${emu.apiUrl}/tracks?ids=${known.accentedTrackId},${known.featTrackId}&market=FR`, token);
    await getJson(`${emu.apiUrl}/tracks/nope`, token);
    await control('GET', '/state');
    const log = await control<SpotifyRequestLogEntry[]>('GET', '/requests');
    expect(log.body).toEqual([
      {
        method: 'GET',
        path: '/v1/tracks',
        query: { ids: `${known.accentedTrackId},${known.featTrackId}`, market: 'FR' },
        time: new Date(now).toISOString(),
        status: 200,
      },
      { method: 'GET', path: '/v1/tracks/nope', query: {}, time: new Date(now).toISOString(), status: 400 },
    ]);
    expect(emu.requestLog()).toHaveLength(2);
  });

  it('logs a request at its arrival, before a later one that was answered first', async () => {
    await control('DELETE', '/requests');
    emu.injectFault({ delayMs: 300, count: 1, path: '/v1/tracks/' });
    const arrived = now;
    const slow = getJson(trackUrl, token);
    // the fault is used up once the slow request is in the emulator, waiting out its delay
    while (emu.faults().length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    now += 5_000;
    const artistUrl = `${emu.apiUrl}/artists/${known.rueDeVivreArtistId}`;
    expect((await getJson(artistUrl, token)).status).toBe(200);
    expect((await slow).status).toBe(200);
    expect(emu.requestLog().map((r) => [r.path, r.time])).toEqual([
      [`/v1/tracks/${known.accentedTrackId}`, new Date(arrived).toISOString()],
      [`/v1/artists/${known.rueDeVivreArtistId}`, new Date(arrived + 5_000).toISOString()],
    ]);
  });

  it('switches mode and reports a catalog summary', async () => {
    expect((await control<{ mode: string }>('GET', '/mode')).body.mode).toBe('extended');
    await control('POST', '/mode', { mode: 'development' });
    expect((await getJson(`${emu.apiUrl}/tracks?ids=${known.accentedTrackId}`, token)).status).toBe(403);
    expect((await control('POST', '/mode', { mode: 'sideways' })).status).toBe(400);

    const summary = await control<SpotifyCatalogSummary>('GET', '/catalog/summary');
    expect(summary.body.known.rueDeVivreArtistId).toBe('293x3NAIGPR4RCJrFkzs0P');
    expect(summary.body.tracks).toBe(emu.catalog.tracks.length);
  });

  it('moves the emulator clock', async () => {
    const before = emu.now();
    const res = await control<{ now: string }>('POST', '/clock', { advanceMs: 3_600_000 });
    expect(Date.parse(res.body.now)).toBe(before + 3_600_000);
  });
});
