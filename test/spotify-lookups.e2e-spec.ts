import { BadUserInputError } from '../src/common/domain-errors';
import { LoaderRegistry } from '../src/common/loaders';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import type { SpotifyRequestLogEntry } from '../src/sandbox/spotify';
import { SpotifyCapabilityUnavailableError, SpotifyService, type SpotifyTrack } from '../src/spotify';
import { createTestApp, TestApp } from './support/test-app';

const spotifyEnv = (emulator: SpotifyEmulator, mode: string): Record<string, string> => ({
  SPOTIFY_API_URL: emulator.apiUrl,
  SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
  SPOTIFY_CLIENT_ID: emulator.clientId,
  SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
  SPOTIFY_API_MODE: mode,
  SPOTIFY_RETRY_BASE_MS: '20',
});

/** Well-formed ids (22 base62 characters) that the catalog does not hold. */
function unknownIds(emulator: SpotifyEmulator, count: number): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) {
    const id = `Unknown${String(i).padStart(15, '0')}`;
    if (!emulator.catalog.trackById(id) && !emulator.catalog.artistById(id)) ids.push(id);
  }
  return ids;
}

const apiCalls = (emulator: SpotifyEmulator): SpotifyRequestLogEntry[] =>
  emulator.requestLog().filter((r) => r.path.startsWith('/v1/'));
const multiGets = (emulator: SpotifyEmulator, resource: string) =>
  apiCalls(emulator).filter((r) => r.path === `/v1/${resource}`);
const singleGets = (emulator: SpotifyEmulator, resource: string) =>
  apiCalls(emulator).filter((r) => r.path.startsWith(`/v1/${resource}/`));

/** What callers rely on, whatever the mode: which ids resolve, and to what. */
const essence = (t: SpotifyTrack | null) =>
  t && { id: t.id, name: t.name, isrc: t.external_ids?.isrc, durationMs: t.duration_ms, album: t.album.id };

describe('Spotify batching lookups', () => {
  let extendedSpotify: SpotifyEmulator;
  let developmentSpotify: SpotifyEmulator;
  let extended: TestApp;
  let development: TestApp;
  let distinct: string[];
  let unknown: string[];
  let requested: string[];

  beforeAll(async () => {
    extendedSpotify = new SpotifyEmulator({ mode: 'extended', rateLimit: false });
    developmentSpotify = new SpotifyEmulator({
      mode: 'development',
      rateLimit: false,
      catalog: extendedSpotify.catalog,
    });
    await Promise.all([extendedSpotify.start(), developmentSpotify.start()]);
    [extended, development] = await Promise.all([
      createTestApp(spotifyEnv(extendedSpotify, 'extended')),
      createTestApp(spotifyEnv(developmentSpotify, 'development')),
    ]);
    unknown = unknownIds(extendedSpotify, 17);
    distinct = [...extendedSpotify.catalog.tracks.slice(0, 120).map((t) => t.id), ...unknown];
    // 137 distinct ids, 40 of them asked twice, in a scrambled order
    requested = [...distinct, ...distinct.filter((_, i) => i % 3 === 0).slice(0, 40)].sort((a, b) =>
      a.slice(3).localeCompare(b.slice(3)),
    );
  });

  afterAll(async () => {
    await Promise.all([extended?.close(), development?.close()]);
    await Promise.all([extendedSpotify?.stop(), developmentSpotify?.stop()]);
  });

  beforeEach(() => {
    extendedSpotify.clearRequestLog();
    developmentSpotify.clearRequestLog();
  });

  /** Three callers (jobs) asking overlapping parts of `requested` in the same tick. */
  async function lookUpFromThreeCallers(app: TestApp): Promise<Map<string, SpotifyTrack | null>> {
    const spotify = app.app.get(SpotifyService);
    const parts = [requested.slice(0, 80), requested.slice(60, 140), requested.slice(120)];
    const answers = await Promise.all(parts.map((ids) => spotify.forJob().tracks(ids)));
    const byId = new Map<string, SpotifyTrack | null>();
    parts.forEach((ids, p) => ids.forEach((id, i) => byId.set(id, answers[p][i])));
    return byId;
  }

  it('looks up 137 distinct ids with exactly 3 multi-gets in extended mode, each id sent once', async () => {
    expect(new Set(requested).size).toBe(137);
    expect(requested.length).toBeGreaterThan(137);
    const byId = await lookUpFromThreeCallers(extended);

    const calls = multiGets(extendedSpotify, 'tracks');
    expect(calls).toHaveLength(3);
    expect(singleGets(extendedSpotify, 'tracks')).toHaveLength(0);
    const sent = calls.flatMap((c) => c.query.ids.split(','));
    expect(sent).toHaveLength(137);
    expect(new Set(sent)).toEqual(new Set(distinct));
    expect(calls.map((c) => c.query.ids.split(',').length).sort((a, b) => b - a)).toEqual([50, 50, 37]);

    for (const id of distinct) {
      const track = byId.get(id);
      if (unknown.includes(id)) expect(track).toBeNull();
      else expect(track).toMatchObject({ id, name: extendedSpotify.catalog.trackById(id)!.name });
    }
    expect(byId.get(distinct[0])?.popularity).toEqual(expect.any(Number));
  });

  it('makes 137 single-id calls in development mode and gives callers the same answers', async () => {
    const fromExtended = await lookUpFromThreeCallers(extended);
    const fromDevelopment = await lookUpFromThreeCallers(development);

    expect(multiGets(developmentSpotify, 'tracks')).toHaveLength(0);
    const singles = singleGets(developmentSpotify, 'tracks');
    expect(singles).toHaveLength(137);
    expect(new Set(singles.map((c) => c.path.split('/').pop()))).toEqual(new Set(distinct));
    expect(singles.filter((c) => c.status === 404)).toHaveLength(unknown.length);

    for (const id of distinct)
      expect(essence(fromDevelopment.get(id)!)).toEqual(essence(fromExtended.get(id)!));
    // development mode has no popularity: absent, not 0
    expect(fromDevelopment.get(distinct[0])).not.toHaveProperty('popularity');
  });

  it('shares one batch between two concurrent requests in the same tick', async () => {
    const spotify = extended.app.get(SpotifyService);
    const registry = extended.app.get(LoaderRegistry);
    const ids = extendedSpotify.catalog.tracks.slice(200, 245).map((t) => t.id);
    // Two GraphQL requests' loaders (what @Loaders() gives a resolver), overlapping on ids 30..34
    const first = spotify.forRequest(registry.forRequest());
    const second = spotify.forRequest(registry.forRequest());
    const [a, b] = await Promise.all([first.tracks(ids.slice(0, 35)), second.tracks(ids.slice(30))]);

    expect(a.map((t) => t?.id)).toEqual(ids.slice(0, 35));
    expect(b.map((t) => t?.id)).toEqual(ids.slice(30));
    const calls = multiGets(extendedSpotify, 'tracks');
    expect(calls).toHaveLength(1);
    expect(calls[0].query.ids.split(',').sort()).toEqual([...ids].sort());
  });

  it('caches per request: the same request asks Spotify once per id', async () => {
    const spotify = extended.app.get(SpotifyService);
    const lookups = spotify.forRequest(extended.app.get(LoaderRegistry).forRequest());
    const id = extendedSpotify.catalog.tracks[300].id;
    await lookups.track(id);
    await lookups.track(id);
    await lookups.tracks([id, id]);
    expect(apiCalls(extendedSpotify)).toHaveLength(1);
    // a new request asks again: nothing is cached across requests
    await spotify.forRequest(extended.app.get(LoaderRegistry).forRequest()).track(id);
    expect(apiCalls(extendedSpotify)).toHaveLength(2);
  });

  it('batches artists by 50 and albums by 20, with null for unknown ids', async () => {
    const lookups = extended.app.get(SpotifyService).forJob();
    const artistIds = [...extendedSpotify.catalog.artists.map((a) => a.id), ...unknown.slice(0, 3)];
    const albumIds = extendedSpotify.catalog.albums.slice(0, 25).map((a) => a.id);
    const [artists, albums] = await Promise.all([lookups.artists(artistIds), lookups.albums(albumIds)]);

    expect(artists.map((a) => a?.id ?? null)).toEqual([
      ...extendedSpotify.catalog.artists.map((a) => a.id),
      null,
      null,
      null,
    ]);
    expect(albums.map((a) => a?.id)).toEqual(albumIds);
    expect(multiGets(extendedSpotify, 'artists')).toHaveLength(1);
    expect(multiGets(extendedSpotify, 'albums').map((c) => c.query.ids.split(',').length)).toEqual([20, 5]);
  });

  it('batches audio features by 100 in extended mode and refuses them in development mode without a call', async () => {
    const ids = extendedSpotify.catalog.tracks.slice(0, 150).map((t) => t.id);
    const features = await extended.app.get(SpotifyService).forJob().audioFeaturesOf(ids);
    expect(features.map((f) => f?.id)).toEqual(ids);
    expect(multiGets(extendedSpotify, 'audio-features').map((c) => c.query.ids.split(',').length)).toEqual([
      100, 50,
    ]);

    await expect(development.app.get(SpotifyService).forJob().audioFeatures(ids[0])).rejects.toBeInstanceOf(
      SpotifyCapabilityUnavailableError,
    );
    expect(apiCalls(developmentSpotify)).toHaveLength(0);
  });

  it('rejects malformed ids with BadUserInputError before any request', async () => {
    const lookups = extended.app.get(SpotifyService).forJob();
    const good = extendedSpotify.catalog.tracks[0].id;
    await expect(lookups.track('not-a-spotify-id')).rejects.toBeInstanceOf(BadUserInputError);
    await expect(lookups.tracks([good, `${good}x`])).rejects.toBeInstanceOf(BadUserInputError);
    await expect(lookups.artist('spotify:artist:293x3NAIGPR4RCJrFkzs0P')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    // straight through a DataLoader too: the bad key fails, nothing is sent for it
    await expect(lookups.loaders.tracks.load('bad id with spaces!!')).rejects.toBeInstanceOf(
      BadUserInputError,
    );
    expect(extendedSpotify.requestLog()).toHaveLength(0);
  });
});
