import { JobsService } from '../src/jobs';
import { SpotifyEmulator } from '../src/sandbox/spotify';
import {
  PROBE_CAPABILITIES,
  SPOTIFY_CAPABILITIES,
  SpotifyCapabilityUnavailableError,
  SpotifyService,
} from '../src/spotify';
import { createTestApp, TestApp } from './support/test-app';

const spotifyEnv = (emulator: SpotifyEmulator, mode: string): Record<string, string> => ({
  SPOTIFY_API_URL: emulator.apiUrl,
  SPOTIFY_ACCOUNTS_URL: emulator.accountsUrl,
  SPOTIFY_CLIENT_ID: emulator.clientId,
  SPOTIFY_CLIENT_SECRET: emulator.clientSecret,
  SPOTIFY_API_MODE: mode,
  SPOTIFY_RETRY_BASE_MS: '20',
});

interface Capability {
  name: string;
  available: boolean | null;
  checkedAt: string | null;
  reason: string | null;
}
interface Status {
  mode: string;
  configuredMode: string;
  sandbox: boolean;
  rateLimitedUntil: string | null;
  capabilities: Capability[];
}

async function status(
  app: TestApp,
): Promise<{ mode: string; configuredMode: string; sandbox: boolean; caps: Record<string, Capability> }> {
  const res = await app.gql<{ spotifyStatus: Status }>(
    '{ spotifyStatus { mode configuredMode sandbox rateLimitedUntil capabilities { name available checkedAt reason } } }',
    {},
    { as: null },
  );
  expect(res.errors).toBeUndefined();
  const s = res.data!.spotifyStatus;
  return { ...s, caps: Object.fromEntries(s.capabilities.map((c) => [c.name, c])) };
}

const apiCalls = (emulator: SpotifyEmulator) =>
  emulator.requestLog().filter((r) => r.path.startsWith('/v1/'));

async function probe(app: TestApp) {
  const jobs = app.app.get(JobsService);
  const run = await jobs.start(PROBE_CAPABILITIES);
  return jobs.waitFor(run.id, { timeoutMs: 20_000 });
}

describe('Spotify capabilities learned in auto mode against a development-mode app', () => {
  let spotify: SpotifyEmulator;
  let app: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    spotify = new SpotifyEmulator({ mode: 'development', rateLimit: false });
    await spotify.start();
    app = await createTestApp(spotifyEnv(spotify, 'auto'));
    other = await createTestApp(spotifyEnv(spotify, 'auto'), app.databaseUrl);
  });
  afterAll(async () => {
    await Promise.all([app?.close(), other?.close()]);
    await spotify?.stop();
  });
  beforeEach(() => spotify.clearRequestLog());

  it('knows nothing before Spotify has answered', async () => {
    const s = await status(app);
    expect(s).toMatchObject({ mode: 'AUTO', configuredMode: 'AUTO', sandbox: false });
    expect(Object.keys(s.caps).sort()).toEqual([...SPOTIFY_CAPABILITIES].sort());
    expect(Object.values(s.caps).every((c) => c.available === null && c.checkedAt === null)).toBe(true);
  });

  it('learns from a refused multi-get and from absent fields, and falls back to single-id calls', async () => {
    const ids = spotify.catalog.tracks.slice(0, 60).map((t) => t.id);
    const tracks = await app.app.get(SpotifyService).forJob().tracks(ids);
    expect(tracks.map((t) => t?.id)).toEqual(ids);

    const calls = apiCalls(spotify);
    // one multi-get tries (alone, while the capability is unknown), is refused, then one call per id
    expect(calls.filter((c) => c.path === '/v1/tracks').map((c) => c.status)).toEqual([403]);
    expect(calls.filter((c) => c.path.startsWith('/v1/tracks/'))).toHaveLength(60);

    const s = await status(app);
    expect(s.mode).toBe('DEVELOPMENT');
    expect(s.caps['tracks.multiGet']).toMatchObject({ available: false, reason: 'GET /tracks answered 403' });
    expect(s.caps['track.popularity']).toMatchObject({
      available: false,
      reason: 'popularity absent from GET /tracks/{id}',
    });
    expect(s.caps['track.availableMarkets']).toMatchObject({ available: false });
    expect(Date.parse(s.caps['tracks.multiGet'].checkedAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shares what it learned with the other process through the database', async () => {
    expect((await status(other)).caps['tracks.multiGet']).toMatchObject({ available: false });
    const ids = spotify.catalog.tracks.slice(100, 110).map((t) => t.id);
    await other.app.get(SpotifyService).forJob().tracks(ids);
    expect(apiCalls(spotify).filter((c) => c.path === '/v1/tracks')).toHaveLength(0);
    expect(apiCalls(spotify).filter((c) => c.path.startsWith('/v1/tracks/'))).toHaveLength(10);
  });

  it('learns a refused endpoint once and then refuses without calling Spotify', async () => {
    const service = app.app.get(SpotifyService);
    const artist = spotify.catalog.known.rueDeVivreArtistId;
    await expect(service.artistTopTracks(artist, 'FR')).rejects.toBeInstanceOf(
      SpotifyCapabilityUnavailableError,
    );
    await expect(service.relatedArtists(artist)).rejects.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    const first = apiCalls(spotify).length;
    // related artists answered 404: one artist lookup told an unknown artist from a removed endpoint
    expect(apiCalls(spotify).map((c) => `${c.path} ${c.status}`)).toEqual([
      `/v1/artists/${artist}/top-tracks 403`,
      `/v1/artists/${artist}/related-artists 404`,
      `/v1/artists/${artist} 200`,
    ]);
    await expect(service.artistTopTracks(artist, 'FR')).rejects.toBeInstanceOf(
      SpotifyCapabilityUnavailableError,
    );
    await expect(service.relatedArtists(artist)).rejects.toBeInstanceOf(SpotifyCapabilityUnavailableError);
    expect(apiCalls(spotify)).toHaveLength(first);
    expect((await status(app)).caps.relatedArtists).toMatchObject({
      available: false,
      reason: 'GET /artists/{id}/related-artists answered 404',
    });
  });

  it('probes every capability daily; an absent genres field marks genres unavailable', async () => {
    spotify.setMode('development', { omitGenres: true });
    const run = await probe(app);
    expect(run).toMatchObject({ status: 'SUCCEEDED', result: { probed: true } });
    spotify.setMode('development', { omitGenres: false });

    // Either process may have run the probe; the other one sees the result within its cache time (5 s).
    const unavailable = (caps: Record<string, Capability>) =>
      Object.values(caps)
        .filter((c) => c.available === false)
        .map((c) => c.name)
        .sort();
    let s = await status(app);
    for (let i = 0; i < 80 && unavailable(s.caps).length < SPOTIFY_CAPABILITIES.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      s = await status(app);
    }
    expect(s.mode).toBe('DEVELOPMENT');
    expect(unavailable(s.caps)).toEqual([...SPOTIFY_CAPABILITIES].sort());
    expect(s.caps['artist.genres']).toMatchObject({ reason: 'genres absent from GET /artists/{id}' });
    expect(s.caps['artist.followers']).toMatchObject({ available: false });
    expect(s.caps['search.limit50']).toMatchObject({ reason: 'probe: GET /search refused limit=50 (400)' });
    expect(s.caps.audioFeatures).toMatchObject({ reason: 'probe: GET /audio-features answered 403' });
    expect(s.caps.recommendations).toMatchObject({ reason: 'probe: GET /recommendations answered 404' });
    expect(s.caps.markets).toMatchObject({ reason: 'probe: GET /markets answered 403' });
    // the probe's ids came from a search on this Spotify
    const searches = apiCalls(spotify).filter((c) => c.path === '/v1/search');
    expect(searches.map((c) => [c.query.limit, c.status])).toEqual([
      ['50', 400],
      ['10', 200],
    ]);
  });
});

describe('Spotify capabilities of an extended-quota app', () => {
  let spotify: SpotifyEmulator;
  let learning: TestApp;
  let configured: TestApp;

  beforeAll(async () => {
    spotify = new SpotifyEmulator({ mode: 'extended', rateLimit: false });
    await spotify.start();
    [learning, configured] = await Promise.all([
      createTestApp(spotifyEnv(spotify, 'auto')),
      createTestApp(spotifyEnv(spotify, 'extended')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([learning?.close(), configured?.close()]);
    await spotify?.stop();
  });
  beforeEach(() => spotify.clearRequestLog());

  it('SPOTIFY_API_MODE=extended makes everything available without probing', async () => {
    const s = await status(configured);
    expect(s).toMatchObject({ mode: 'EXTENDED', configuredMode: 'EXTENDED' });
    for (const c of Object.values(s.caps)) {
      expect(c).toMatchObject({
        available: true,
        checkedAt: null,
        reason: 'set by SPOTIFY_API_MODE=extended',
      });
    }
    expect(await probe(configured)).toMatchObject({ status: 'SUCCEEDED', result: { probed: false } });
    expect(spotify.requestLog()).toHaveLength(0);
  });

  it('auto mode learns an extended app from a probe', async () => {
    expect((await probe(learning)).status).toBe('SUCCEEDED');
    const s = await status(learning);
    expect(s.mode).toBe('EXTENDED');
    expect(Object.values(s.caps).filter((c) => c.available !== true)).toEqual([]);
    expect(s.caps['artist.followers']).toMatchObject({ reason: 'followers present in GET /artists' });
  });
});
