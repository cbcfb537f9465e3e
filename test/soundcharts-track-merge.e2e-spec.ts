import { JobsService } from '../src/jobs/jobs.service';
import { SoundchartsEmulator } from '../src/sandbox/soundcharts';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { SoundchartsClock } from '../src/soundcharts';
import { createSpotifyTestApp, SpotifyTestApp } from './support/spotify-test-app';
import { adminQueryIn } from './support/test-app';

/** "Café de Flore" by Rue De Vivre: number 1 of the emulator's fr-28 chart, and a Spotify track of the catalog. */
const SONG = '177957c3-4d5d-11e9-8a90-fb58e4ea164e';
const SPOTIFY_TRACK = 'upuHuViSLxQoRdjxFOt3rI';
/** "Ça va, Genève ?": also on fr-28; its catalog track is found on Soundcharts by a track cascade. */
const OTHER_SONG = 'be7c7165-8119-11e9-8b47-13f138c704d7';
const OTHER_SPOTIFY_TRACK = 'nRumcqwajK0qu8pbNoG5Za';

interface ChartAnswer {
  chart: {
    id: string;
    rankings: { entries: { position: number; track: { id: string; spotifyId: string | null } }[] };
  };
}

describe('Soundcharts: a chart song and the catalog track of the same recording become one track', () => {
  const catalog = SpotifyCatalog.generate();
  const soundcharts = new SoundchartsEmulator({ catalog, rateLimit: false });
  let env: SpotifyTestApp;
  let jobs: JobsService;
  let trackId: string;
  let otherTrackId: string;
  let workId: string;

  const chart = async () =>
    (
      await env.app.gql<ChartAnswer>(
        '{ chart(slug: "fr-28") { id rankings { entries { position track { id spotifyId } } } } }',
      )
    ).data!.chart;
  const songRows = (uuid = SONG) =>
    adminQueryIn(env.app.databaseUrl, 'SELECT id, spotify_id FROM track WHERE soundcharts_uuid = $1', [uuid]);
  const link = async (title: string, spotifyTrack: string) => {
    const created = await env.app.gql<{ createWorks: { id: string }[] }>(
      'mutation($t: String!) { createWorks(input: [{ title: $t, artistName: "Rue De Vivre" }]) { id } }',
      { t: title },
    );
    const id = created.data!.createWorks[0].id;
    const linked = await env.app.gql<{ linkWork: { track: { id: string } } }>(
      'mutation($w: ID!, $t: String!) { linkWork(input: { workId: $w, spotifyTrack: $t }) { track { id } } }',
      { w: id, t: spotifyTrack },
    );
    return { workId: id, trackId: linked.data!.linkWork.track.id };
  };

  beforeAll(async () => {
    await soundcharts.start();
    env = await createSpotifyTestApp(
      { catalog },
      {
        SOUNDCHARTS_API_URL: soundcharts.url,
        SOUNDCHARTS_APP_ID: soundcharts.appId,
        SOUNDCHARTS_API_KEY: soundcharts.apiKey,
        SOUNDCHARTS_HISTORY_DAYS: '10',
        // Both providers have credentials: live mode, which wants a key for sealed tokens.
        ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      },
    );
    env.app.app.get(SoundchartsClock).useSource(() => soundcharts.now());
    jobs = env.app.app.get(JobsService);

    ({ workId, trackId } = await link('Café de Flore', SPOTIFY_TRACK));
    ({ trackId: otherTrackId } = await link('Ça va, Genève ?', OTHER_SPOTIFY_TRACK));
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    await soundcharts.stop();
  });

  it('keeps the chart song apart until its identifiers are known', async () => {
    const sync = await env.app.gql<{ triggerChartSync: { id: string } }>(
      'mutation { triggerChartSync(slug: "fr-28") { id } }',
    );
    const done = await jobs.waitFor(sync.data!.triggerChartSync.id, { timeoutMs: 30_000 });
    expect(done.status).toBe('SUCCEEDED');
    const first = (await chart()).rankings.entries.find((e) => e.position === 1)!;
    // A ranking names the song, not its Spotify ids: a row of its own for now.
    expect(first.track).toMatchObject({ spotifyId: null });
    expect(first.track.id).not.toBe(trackId);
    expect(await songRows()).toEqual([{ id: first.track.id, spotify_id: null }]);
  }, 60_000);

  it('merges it into a catalog track that a track cascade finds on Soundcharts', async () => {
    const before = await songRows(OTHER_SONG);
    expect(before).toEqual([{ id: expect.any(String), spotify_id: null }]);
    const started = await env.app.gql<{ triggerTrackCascade: { id: string } }>(
      'mutation($ids: [ID!]!) { triggerTrackCascade(trackIds: $ids) { id } }',
      { ids: [otherTrackId] },
    );
    const run = await jobs.waitFor(started.data!.triggerTrackCascade.id, { timeoutMs: 120_000 });
    expect(run.error).toBeNull();
    const steps = (run.result as { steps: Record<string, { result: Record<string, number> }> }).steps;
    expect(steps['resolve-songs'].result).toMatchObject({ resolved: 1, mergedChartSongs: 1 });
    expect(await songRows(OTHER_SONG)).toEqual([{ id: otherTrackId, spotify_id: OTHER_SPOTIFY_TRACK }]);
    const entries = (await chart()).rankings.entries.map((e) => e.track.id);
    expect(entries).toContain(otherTrackId);
    expect(entries).not.toContain(before[0].id);
  }, 150_000);

  it('merges it into the catalog track once the cascade brings the song metadata', async () => {
    const { id: chartId } = await chart();
    const started = await env.app.gql<{ triggerCascade: { id: string } }>(
      'mutation($id: ID!) { triggerCascade(chartId: $id) { id } }',
      { id: chartId },
    );
    const run = await jobs.waitFor(started.data!.triggerCascade.id, { timeoutMs: 120_000 });
    expect(run.error).toBeNull();
    const steps = (run.result as { steps: Record<string, { result: Record<string, number> }> }).steps;
    expect(steps['song-metadata'].result.mergedIntoSpotifyTracks).toBeGreaterThanOrEqual(1);

    // One row for the recording: the catalog's track, now also the chart's.
    expect(await songRows()).toEqual([{ id: trackId, spotify_id: SPOTIFY_TRACK }]);
    const first = (await chart()).rankings.entries.find((e) => e.position === 1)!;
    expect(first.track).toEqual({ id: trackId, spotifyId: SPOTIFY_TRACK });

    // What the cascade stored for the song follows it: metadata, credits, audience.
    const work = await env.app.gql<{
      work: {
        track: {
          id: string;
          soundchartsUuid: string;
          isrc: string;
          artists: { name: string }[];
          audience: { points: { value: number }[] } | null;
        };
      };
    }>(
      `query($id: ID!) { work(id: $id) { track { id soundchartsUuid isrc artists { name }
         audience(platform: "spotify") { points { value } } } } }`,
      { id: workId },
    );
    const track = work.data!.work.track;
    expect(track).toMatchObject({ id: trackId, soundchartsUuid: SONG, isrc: 'FRZ030400001' });
    expect(track.artists.map((a) => a.name)).toContain('Rue De Vivre');
    expect(track.audience?.points.length).toBeGreaterThan(0);
    const orphans = await adminQueryIn(
      env.app.databaseUrl,
      `SELECT 'entry' AS kind FROM soundcharts_chart_entry e WHERE NOT EXISTS (SELECT 1 FROM track t WHERE t.id = e.track_id)
       UNION ALL SELECT 'song' FROM soundcharts_song s WHERE NOT EXISTS (SELECT 1 FROM track t WHERE t.id = s.track_id)
       UNION ALL SELECT 'point' FROM soundcharts_audience_point p
         WHERE p.entity_type = 'track' AND NOT EXISTS (SELECT 1 FROM track t WHERE t.id = p.entity_id)`,
    );
    expect(orphans).toEqual([]);
  }, 150_000);

  it('leaves the merged track alone on the next sync and cascade', async () => {
    const sync = await env.app.gql<{ triggerChartSync: { id: string } }>(
      'mutation { triggerChartSync(slug: "fr-28") { id } }',
    );
    await jobs.waitFor(sync.data!.triggerChartSync.id, { timeoutMs: 30_000 });
    expect(await songRows()).toEqual([{ id: trackId, spotify_id: SPOTIFY_TRACK }]);
    expect((await chart()).rankings.entries.find((e) => e.position === 1)!.track.id).toBe(trackId);
  }, 60_000);
});
