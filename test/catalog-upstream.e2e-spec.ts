import { SpotifyCatalog } from '../src/sandbox/spotify';
import { adminQueryIn } from './support/test-app';
import { createSpotifyTestApp, SpotifyTestApp } from './support/spotify-test-app';

const catalog = SpotifyCatalog.generate();
const rue = catalog.artistById(catalog.known.rueDeVivreArtistId)!;
const track = catalog.trackById(catalog.known.remasterTrackId)!;

/** Spotify failing while an operator links a work: an outage for the caller, and nothing written. */
describe('catalog links while Spotify is unavailable', () => {
  let env: SpotifyTestApp;
  let workId: string;

  beforeAll(async () => {
    env = await createSpotifyTestApp({ catalog }, { SPOTIFY_RETRY_BASE_MS: '10' });
    const res = await env.app.gql<{ createWorks: { id: string }[] }>(
      'mutation($input: [CreateWorkInput!]!) { createWorks(input: $input) { id } }',
      { input: [{ title: track.name, artistName: rue.name, externalId: 'UP-1' }] },
    );
    workId = res.data!.createWorks[0].id;
    // a candidate kept for review, as the auto-linker would have left it
    await adminQueryIn(
      env.app.databaseUrl,
      `INSERT INTO work_link_candidate (work_id, spotify_track_id, name, artists, score, evidence, outcome, rank)
       VALUES ($1, $2, $3, ARRAY[$4], 0.7, '{}', 'NO_MATCH', 0)`,
      [workId, track.id, track.name, rue.name],
    );
  });
  afterAll(() => env?.close());
  afterEach(() => env.emulator.clearFaults());

  const linkWork = () =>
    env.app.gql('mutation($input: LinkWorkInput!) { linkWork(input: $input) { id } }', {
      input: { workId, spotifyTrack: track.id },
    });
  const acceptCandidate = () =>
    env.app.gql('mutation($w: ID!, $t: String!) { acceptLinkCandidate(workId: $w, trackId: $t) { id } }', {
      w: workId,
      t: track.id,
    });
  const written = async () =>
    (
      await adminQueryIn(
        env.app.databaseUrl,
        `SELECT (SELECT count(*)::int FROM work_link WHERE work_id = $1) AS links,
           (SELECT count(*)::int FROM work_link_event WHERE work_id = $1) AS events,
           (SELECT count(*)::int FROM track WHERE spotify_id = $2) AS tracks`,
        [workId, track.id],
      )
    )[0];

  it('answers UPSTREAM_UNAVAILABLE when Spotify keeps failing (502), writing nothing', async () => {
    env.emulator.injectFault({ status: 502, path: '/v1/tracks' });
    const res = await linkWork();
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await written()).toEqual({ links: 0, events: 0, tracks: 0 });
    // every attempt went to Spotify and failed: none got through
    const lookups = env.emulator.requestLog().filter((r) => r.path.startsWith('/v1/tracks'));
    expect(lookups.length).toBeGreaterThan(1);
    expect(lookups.every((r) => r.status === 502)).toBe(true);
  });

  it('answers UPSTREAM_UNAVAILABLE, not an internal error, when Spotify asks to wait an hour (429)', async () => {
    env.emulator.injectFault({ status: 429, retryAfter: 3600, count: 1, path: '/v1/tracks' });
    const link = await linkWork();
    expect(link.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(link.errors?.[0]?.message).toContain('rate limit');
    // the hour-long block is shared: accepting a candidate now meets it before any request
    env.emulator.clearRequestLog();
    const accept = await acceptCandidate();
    expect(accept.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(env.emulator.requestLog()).toEqual([]);
    expect(await written()).toEqual({ links: 0, events: 0, tracks: 0 });
  });
});
