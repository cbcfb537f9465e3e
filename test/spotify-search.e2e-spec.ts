import { BadUserInputError } from '../src/common/domain-errors';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import { SpotifyInvalidGrantError, SpotifyService, SpotifyUserTokenRejectedError } from '../src/spotify';
import { createTestApp, TestApp } from './support/test-app';

const spotifyEnv = (emulator: SpotifyEmulator, mode: string): Record<string, string> => ({
  SPOTIFY_API_URL: emulator.apiUrl,
  SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
  SPOTIFY_CLIENT_ID: emulator.clientId,
  SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
  SPOTIFY_API_MODE: mode,
  SPOTIFY_RETRY_BASE_MS: '20',
});

const searches = (emulator: SpotifyEmulator) => emulator.requestLog().filter((r) => r.path === '/v1/search');

describe('Spotify searches, artist insights and listeners', () => {
  let extendedSpotify: SpotifyEmulator;
  let developmentSpotify: SpotifyEmulator;
  let extended: TestApp;
  let learning: TestApp;
  /** Auto mode against the extended emulator: what it learns comes from injected 400s. */
  let unsure: TestApp;

  beforeAll(async () => {
    extendedSpotify = new SpotifyEmulator({ mode: 'extended', rateLimit: false });
    developmentSpotify = new SpotifyEmulator({
      mode: 'development',
      rateLimit: false,
      catalog: extendedSpotify.catalog,
    });
    await Promise.all([extendedSpotify.start(), developmentSpotify.start()]);
    [extended, learning, unsure] = await Promise.all([
      createTestApp(spotifyEnv(extendedSpotify, 'extended')),
      createTestApp(spotifyEnv(developmentSpotify, 'auto')),
      createTestApp(spotifyEnv(extendedSpotify, 'auto')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([extended?.close(), learning?.close(), unsure?.close()]);
    await Promise.all([extendedSpotify?.stop(), developmentSpotify?.stop()]);
  });
  beforeEach(() => {
    extendedSpotify.clearRequestLog();
    developmentSpotify.clearRequestLog();
  });

  it('finds every track of an ISRC, whatever way it is written', async () => {
    const { sharedIsrc, sharedIsrcTrackIds } = extendedSpotify.catalog.known;
    const dashed = `${sharedIsrc.slice(0, 2)}-${sharedIsrc.slice(2, 5)}-${sharedIsrc.slice(5, 7)}-${sharedIsrc.slice(7)}`;
    const tracks = await extended.app.get(SpotifyService).searchByIsrc(dashed.toLowerCase());
    expect(tracks.map((t) => t.id).sort()).toEqual([...sharedIsrcTrackIds].sort());
    expect(tracks.every((t) => t.external_ids?.isrc === sharedIsrc)).toBe(true);
    expect(searches(extendedSpotify).map((r) => r.query)).toEqual([
      { q: `isrc:${sharedIsrc}`, type: 'track', limit: '50' },
    ]);
    await expect(extended.app.get(SpotifyService).searchByIsrc('FRZ03')).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    expect(searches(extendedSpotify)).toHaveLength(1);
  });

  it('builds track:"…" artist:"…" queries, neutralising quotes inside values', async () => {
    const found = await extended.app
      .get(SpotifyService)
      .searchTrack({ title: 'Café de Flore', artist: 'Rue "De" Vivre', limit: 5 });
    expect(searches(extendedSpotify)[0].query.q).toBe('track:"Café de Flore" artist:"Rue De Vivre"');
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(5);
    expect(found.every((t) => t.name.startsWith('Café de Flore'))).toBe(true);
    expect(
      found.every((t) => t.artists.some((a) => a.id === extendedSpotify.catalog.known.rueDeVivreArtistId)),
    ).toBe(true);
  });

  it('asks for at most 10 results once it knows the app is in development mode', async () => {
    const service = learning.app.get(SpotifyService);
    const first = await service.searchTrack({ title: 'Golden Hour' });
    const second = await service.searchTrack({ title: 'Golden Hour', limit: 50 });
    expect(first.map((t) => t.id)).toEqual(second.map((t) => t.id));
    expect(searches(developmentSpotify).map((r) => [r.query.limit, r.status])).toEqual([
      ['50', 400],
      ['10', 200],
      ['10', 200],
    ]);
    expect(await service.searchLimit()).toBe(10);
    expect(await extended.app.get(SpotifyService).searchLimit()).toBe(50);
  });

  it('takes any 400 on a wide search as "wide pages refused" only when the same search at 10 is accepted', async () => {
    const service = unsure.app.get(SpotifyService);
    const badRequest = (message: string, count: number) =>
      extendedSpotify.injectFault({
        status: 400,
        body: { error: { status: 400, message } },
        count,
        path: '/v1/search',
      });
    // refused at 50 and at 10: the 400 was not about the page size, nothing is learned
    badRequest('Invalid request', 2);
    await expect(service.searchTrack({ title: 'Golden Hour' })).rejects.toMatchObject({ status: 400 });
    expect(await service.capability('search.limit50')).toBeUndefined();
    // Spotify's wording for "limit too high" is not documented: a 400 that never says "limit" still teaches it
    badRequest('Invalid request', 1);
    const found = await service.searchTrack({ title: 'Golden Hour' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(10);
    expect(await service.capability('search.limit50')).toBe(false);
    expect(await service.searchLimit()).toBe(10);
    expect(searches(extendedSpotify).map((r) => [r.query.limit, r.status])).toEqual([
      ['50', 400],
      ['10', 400],
      ['50', 400],
      ['10', 200],
    ]);
  });

  it('gives top tracks per market and related artists in extended mode; null for an unknown artist', async () => {
    const service = extended.app.get(SpotifyService);
    const artist = extendedSpotify.catalog.known.rueDeVivreArtistId;
    const top = await service.artistTopTracks(artist, 'FR');
    expect(top!.map((t) => t.id)).toEqual(extendedSpotify.catalog.topTracks(artist, 'FR').map((t) => t.id));
    const related = await service.relatedArtists(artist);
    expect(related!.map((a) => a.id)).toEqual(
      extendedSpotify.catalog.relatedArtists(artist).map((a) => a.id),
    );
    expect(await service.artistTopTracks('Unknown000000000000000', 'FR')).toBeNull();
    expect(await service.relatedArtists('Unknown000000000000000')).toBeNull();
    await expect(service.artistTopTracks(artist, 'france')).rejects.toBeInstanceOf(BadUserInputError);
    expect((await service.markets()).length).toBeGreaterThanOrEqual(13);
  });

  it("reads a listener's recently played with cursors", async () => {
    const service = extended.app.get(SpotifyService);
    const { access_token } = extendedSpotify.issueUserToken();
    const page = await service.recentlyPlayed(access_token, { limit: 5 });
    expect(page.items).toHaveLength(5);
    const times = page.items.map((p) => Date.parse(p.played_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times); // newest first
    expect(page.cursors).toEqual({ after: String(times[0]), before: String(times[4]) });

    const older = await service.recentlyPlayed(access_token, {
      limit: 5,
      before: Number(page.cursors!.before),
    });
    expect(Date.parse(older.items[0].played_at)).toBeLessThan(times[4]);
    const newer = await service.recentlyPlayed(access_token, { after: times[0] });
    expect(newer.items).toEqual([]);
    expect(newer.cursors).toBeNull();
    expect(
      extendedSpotify.requestLog().filter((r) => r.path === '/v1/me/player/recently-played'),
    ).toHaveLength(3);

    await expect(service.recentlyPlayed(access_token, { limit: 51 })).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(service.recentlyPlayed(access_token, { after: 1, before: 2 })).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    await expect(service.recentlyPlayed('not-a-token', {})).rejects.toBeInstanceOf(
      SpotifyUserTokenRejectedError,
    );
  });

  it('refreshes a listener token, and reports invalid_grant once it is revoked', async () => {
    const service = extended.app.get(SpotifyService);
    const { refresh_token } = extendedSpotify.issueUserToken();
    const refreshed = await service.refreshUserToken(refresh_token);
    expect(refreshed).toMatchObject({ accessToken: expect.any(String), expiresInSeconds: 3600 });
    expect((await service.recentlyPlayed(refreshed.accessToken, { limit: 1 })).items).toHaveLength(1);

    extendedSpotify.revokeRefreshTokens(refresh_token);
    await expect(service.refreshUserToken(refresh_token)).rejects.toBeInstanceOf(SpotifyInvalidGrantError);
  });
});
