import ExcelJS from 'exceljs';
import { JobsService } from '../src/jobs/jobs.service';
import type { JobRunEntity } from '../src/jobs/entities/job-run.entity';
import { SoundchartsEmulator } from '../src/sandbox/soundcharts';
import type { SoundchartsRequestLogEntry } from '../src/sandbox/soundcharts';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { SoundchartsClock, SoundchartsService } from '../src/soundcharts';
import { adminQueryIn, createTestApp, TEST_KEYS, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
/**
 * Mid-May 2026, history 100 days, Paris offsets on points older than 30 days: the offset part of the history
 * (February to mid-April) spans the Paris DST switch (+01:00 before 29 March, +02:00 after).
 */
const BASE = Date.parse('2026-05-15T15:00:00Z');
const HISTORY_DAYS = 100;
const PARIS_OFFSET_AGE_DAYS = 30;
/** 100 days = one window of 90 days and one of 10. */
const WINDOWS = 2;
const SONG_SERIES = 4; // spotify, youtube, shazam + airplay
const ARTIST_SERIES = 5; // followers on spotify, youtube, instagram, tiktok + Spotify monthly listeners
const DAY = 86_400_000;

describe('Soundcharts cascade: requests, re-runs, audience, export', () => {
  const started = Date.now();
  const emulator = new SoundchartsEmulator({
    catalog,
    rateLimit: false,
    now: () => BASE + Date.now() - started,
    parisOffsetAgeDays: PARIS_OFFSET_AGE_DAYS,
  });
  const known = emulator.data.known;
  let app: TestApp;
  let jobs: JobsService;
  let chartId: string;

  beforeAll(async () => {
    await emulator.start();
    app = await createTestApp({
      SOUNDCHARTS_API_URL: emulator.url,
      SOUNDCHARTS_APP_ID: emulator.appId,
      SOUNDCHARTS_API_KEY: emulator.apiKey,
      SOUNDCHARTS_HISTORY_DAYS: String(HISTORY_DAYS),
      SOUNDCHARTS_CONCURRENCY: '8',
    });
    app.app.get(SoundchartsClock).useSource(() => emulator.now());
    jobs = app.app.get(JobsService);
    const sync = await app.gql<{ triggerChartSync: { id: string } }>(
      'mutation { triggerChartSync(slug: "global-28") { id } }',
    );
    const done = await jobs.waitFor(sync.data!.triggerChartSync.id, { timeoutMs: 30_000 });
    chartId = (done.result as { chartId: string }).chartId;
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  const cascade = async (): Promise<JobRunEntity> => {
    const res = await app.gql<{ triggerCascade: { id: string; status: string; kind: string } }>(
      'mutation($id: ID!) { triggerCascade(chartId: $id) { id status kind } }',
      { id: chartId },
    );
    expect(res.data?.triggerCascade).toMatchObject({ status: 'QUEUED', kind: 'soundcharts.cascade' });
    return jobs.waitFor(res.data!.triggerCascade.id, { timeoutMs: 120_000 });
  };
  /** Billable data requests (the quota check before a cascade reads GET /api/v2/team/usage, which is free). */
  const dataRequests = () => emulator.requestLog().filter((r) => r.path !== '/api/v2/team/usage');
  const matching = (log: readonly SoundchartsRequestLogEntry[], pattern: RegExp) =>
    log.filter((r) => pattern.test(r.path));

  /** What the chart's latest ranking holds, from the emulator's own data. */
  const chartSongs = () => {
    const latest = emulator.data.rankingDates('global-28', emulator.now())[0];
    const songs = [...new Set(emulator.data.ranking('global-28', latest)!.map((e) => e.songUuid))];
    const artists = new Set(
      songs.flatMap((uuid) => emulator.data.artistsOf(emulator.data.songByUuid(uuid)!).map((a) => a.uuid)),
    );
    return { songs, artists: [...artists] };
  };

  it('makes exactly the minimum: per song and artist its metadata and identifiers, then one per entity, series and 90-day window', async () => {
    emulator.clearRequestLog();
    const run = await cascade();
    expect(run.error).toBeNull();
    expect(run.status).toBe('SUCCEEDED');
    const { songs, artists } = chartSongs();
    const log = dataRequests();
    expect(log.every((r) => r.status === 200 && r.billed)).toBe(true);
    expect(matching(log, /^\/api\/v2\.25\/song\//)).toHaveLength(songs.length);
    // song and artist objects carry no platform ids (as the real API): one /identifiers page each
    const songIds = matching(log, /^\/api\/v2\/song\/[^/]+\/identifiers$/);
    expect(songIds.map((r) => r.path.split('/')[4]).sort()).toEqual([...songs].sort());
    expect(matching(log, /^\/api\/v2\.9\/artist\//)).toHaveLength(artists.length);
    const artistIds = matching(log, /^\/api\/v2\/artist\/[^/]+\/identifiers$/);
    expect(artistIds.map((r) => r.path.split('/')[4]).sort()).toEqual([...artists].sort());
    expect(artistIds.every((r) => r.query.platform === 'spotify')).toBe(true);
    expect(matching(log, /^\/api\/v2\/song\/.*\/(audience\/|broadcast-groups)/)).toHaveLength(
      songs.length * SONG_SERIES * WINDOWS,
    );
    expect(matching(log, /^\/api\/v2\/artist\/[^/]+\/(audience|streaming)\//)).toHaveLength(
      artists.length * ARTIST_SERIES * WINDOWS,
    );
    const minimum =
      2 * songs.length +
      2 * artists.length +
      (songs.length * SONG_SERIES + artists.length * ARTIST_SERIES) * WINDOWS;
    expect(log).toHaveLength(minimum);
    // windows never exceed 90 days and cover the history without overlap
    const today = new Date(emulator.now()).toISOString().slice(0, 10);
    const spotify = matching(log, new RegExp(`^/api/v2/song/${known.multiIdSongUuid}/audience/spotify$`));
    expect(spotify.map((r) => [r.query.startDate, r.query.endDate])).toEqual([
      [day(today, 1 - HISTORY_DAYS), day(today, 90 - HISTORY_DAYS)],
      [day(today, 91 - HISTORY_DAYS), today],
    ]);

    const result = run.result as {
      requests: number;
      estimate: { requests: number; quotaRemaining: number; reserve: number };
      stepsByStatus: Record<string, number>;
      steps: Record<string, { status: string; result: Record<string, number> }>;
    };
    expect(result.requests).toBe(minimum);
    expect(result.stepsByStatus).toEqual({ SUCCEEDED: 4 });
    expect(result.steps['song-metadata'].result).toMatchObject({ songs: 200, fetched: 200, notFound: 0 });
    expect(result.steps['artist-metadata'].result).toMatchObject({ artists: artists.length });
    expect(result.estimate.reserve).toBe(1000);
    // the estimate knows the songs and windows, and guesses the artists from the ranking's display credits
    expect(result.estimate.requests).toBe(minimum);
    expect(await count('SELECT count(*) AS n FROM soundcharts_song WHERE status = $1', ['FOUND'])).toBe(200);

    // the parent run shows its steps and their counts by status
    const view = await app.gql<{
      jobRun: {
        progress: number;
        cascadeSteps: { step: string; status: string; result: { requests: number } }[];
      };
    }>('query($id: ID!) { jobRun(id: $id) { progress cascadeSteps { step status result } } }', {
      id: run.id,
    });
    expect(view.data!.jobRun.progress).toBe(1);
    expect(view.data!.jobRun.cascadeSteps.map((s) => [s.step, s.status])).toEqual([
      ['song-metadata', 'SUCCEEDED'],
      ['artist-metadata', 'SUCCEEDED'],
      ['song-audience', 'SUCCEEDED'],
      ['artist-audience', 'SUCCEEDED'],
    ]);
  }, 120_000);

  it('re-runs fetch only the days after what is stored', async () => {
    const points = await count('SELECT count(*) AS n FROM soundcharts_audience_point');
    const lastStored = await storedSeriesEnds();
    const oldToday = new Date(emulator.now()).toISOString().slice(0, 10);
    emulator.advanceClock(DAY);
    const today = new Date(emulator.now()).toISOString().slice(0, 10);
    emulator.clearRequestLog();
    const run = await cascade();
    expect(run.status).toBe('SUCCEEDED');
    const { songs, artists } = chartSongs();
    const log = dataRequests();
    // no metadata again; one request per series, from the day after its last stored point (after the last
    // fetch for a series with no point at all) to the new today
    expect(matching(log, /^\/api\/v2\.(25|9)\//)).toHaveLength(0);
    expect(log).toHaveLength(songs.length * SONG_SERIES + artists.length * ARTIST_SERIES);
    for (const r of log) {
      expect(r.query.endDate).toBe(today);
      expect([r.path, r.query.startDate]).toEqual([
        r.path,
        day(lastStored.get(seriesOf(r.path)) ?? oldToday, 1),
      ]);
    }
    // airplay counts spins per window: its windows follow each other exactly
    for (const r of matching(log, /broadcast-groups$/)) expect(r.query.startDate).toBe(today);
    expect(await count('SELECT count(*) AS n FROM soundcharts_audience_point')).toBeGreaterThan(points);

    // the same day again: only series whose last days were not published are asked again, from their last point
    const ends = await storedSeriesEnds();
    const behind = [...ends].filter(([, last]) => last < today && last >= day(today, -7));
    emulator.clearRequestLog();
    expect((await cascade()).status).toBe('SUCCEEDED');
    const again = dataRequests();
    expect(again.map((r) => seriesOf(r.path)).sort()).toEqual(behind.map(([key]) => key).sort());
    for (const r of again) expect(r.query.startDate).toBe(day(ends.get(seriesOf(r.path))!, 1));
  }, 120_000);

  it('stores Paris-offset dates on their own calendar day, sums a multi-id song and keeps each id', async () => {
    const [{ track_id: trackId }] = await adminQueryIn<{ track_id: string }>(
      app.databaseUrl,
      'SELECT track_id FROM soundcharts_song WHERE song_uuid = $1',
      [known.multiIdSongUuid],
    );
    const stored = await adminQueryIn<{ day: string; value: number }>(
      app.databaseUrl,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, value FROM soundcharts_audience_point
       WHERE entity_id = $1 AND platform = 'spotify' AND metric = 'streams' ORDER BY day`,
      [trackId],
    );
    const today = new Date(emulator.now()).toISOString().slice(0, 10);
    const served = emulator.data.songAudience(known.multiIdSongUuid, 'spotify', stored[0].day, today);
    expect(served.some((p) => p.date.endsWith('+01:00'))).toBe(true);
    expect(served.some((p) => p.date.endsWith('+02:00'))).toBe(true);
    expect(stored).toEqual(
      served.map((p) => ({ day: p.day, value: p.plots.reduce((s, x) => s + x.value, 0) })),
    );
    const summer = served.find((p) => p.date.endsWith('+02:00'))!;
    expect(summer.date.slice(0, 10)).toBe(summer.day);
    expect(stored.some((p) => p.day === summer.day)).toBe(true);
    // a day Soundcharts skipped stays absent (no interpolation)
    const all = new Set(stored.map((p) => p.day));
    const gaps = [...Array(HISTORY_DAYS).keys()].map((i) => day(stored[0].day, i)).filter((d) => !all.has(d));
    expect(gaps.length).toBeGreaterThan(0);

    const parts = await adminQueryIn<{ day: string; identifier: string; value: number }>(
      app.databaseUrl,
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, identifier, value FROM soundcharts_audience_part
       WHERE entity_id = $1 AND platform = 'spotify' AND day = $2 ORDER BY identifier`,
      [trackId, summer.day],
    );
    expect(parts).toEqual(
      [...summer.plots]
        .sort((a, b) => a.identifier.localeCompare(b.identifier))
        .map((p) => ({ day: summer.day, identifier: p.identifier, value: p.value })),
    );
    expect(parts.map((p) => p.identifier).sort()).toEqual([...known.multiIdSpotifyTrackIds].sort());

    // readable in GraphQL: each point's parts, loaded with their series (not one query per point)
    const [{ spotify_id: spotifyId }] = await adminQueryIn<{ spotify_id: string }>(
      app.databaseUrl,
      'SELECT spotify_id FROM track WHERE id = $1',
      [trackId],
    );
    type Point = { date: string; value: number; parts: { identifier: string; value: number }[] };
    const res = await app.gql<{ track: { streams: { points: Point[] }; spins: { points: Point[] } } }>(
      `query AudienceParts($id: String!, $from: Date) { track(spotifyId: $id) {
         streams: audience(platform: "spotify", from: $from) { points { date value parts { identifier value } } }
         spins: audience(platform: "airplay") { points { date value parts { identifier value } } } } }`,
      { id: spotifyId, from: day(today, -30) },
    );
    expect(res.errors).toBeUndefined();
    const points = res.data!.track.streams.points;
    expect(points.length).toBeGreaterThan(20);
    const byIdentifier = (a: { identifier: string }, b: { identifier: string }) =>
      a.identifier < b.identifier ? -1 : 1;
    for (const point of points) {
      const plots = served.find((p) => p.day === point.date)!.plots;
      expect([...point.parts].sort(byIdentifier)).toEqual([...plots].sort(byIdentifier));
      expect(point.parts.reduce((s, p) => s + p.value, 0)).toBe(point.value);
    }
    // airplay: the spins of each radio over the window a point closes
    const radios = new Set(res.data!.track.spins.points.flatMap((p) => p.parts.map((x) => x.identifier)));
    expect(radios.size).toBeGreaterThan(0);
    const metrics = (await app.http().get('/metrics')).text;
    const sql = Number(
      /soundgraph_graphql_sql_statements_sum\{operation="AudienceParts"\} (\d+)/.exec(metrics)?.[1],
    );
    expect(sql).toBeGreaterThanOrEqual(3);
    expect(sql).toBeLessThanOrEqual(5);
    expect(
      await count(
        'SELECT count(*) AS n FROM soundcharts_song_identifier WHERE track_id = $1 AND platform = $2',
        [trackId, 'spotify'],
      ),
    ).toBe(known.multiIdSpotifyTrackIds.length);
  });

  it('serves Track.audience and Artist.audience in one query for a whole chart', async () => {
    const res = await app.gql<{
      chart: {
        rankings: {
          entries: {
            track: {
              soundchartsUuid: string;
              audience: {
                platform: string;
                metric: string;
                points: { date: string; value: number }[];
              } | null;
              spins: { metric: string; points: { date: string; value: number }[] } | null;
            };
          }[];
        };
      };
    }>(
      `query ChartAudience($from: Date) { chart(slug: "global-28") { rankings { entries { track { soundchartsUuid
         audience(platform: "youtube", from: $from) { platform metric points { date value } }
         spins: audience(platform: "airplay") { metric points { date value } } } } } } }`,
      { from: day(new Date(emulator.now()).toISOString().slice(0, 10), -9) },
    );
    expect(res.errors).toBeUndefined();
    const entries = res.data!.chart.rankings.entries;
    expect(entries).toHaveLength(200);
    const withYoutube = entries.filter((e) => e.track.audience);
    expect(withYoutube.length).toBeGreaterThan(150);
    for (const e of withYoutube) {
      expect(e.track.audience).toMatchObject({ platform: 'youtube', metric: 'views' });
      const dates = e.track.audience!.points.map((p) => p.date);
      expect(dates).toEqual([...dates].sort());
      expect(dates.length).toBeLessThanOrEqual(10);
    }
    // one SQL statement for all 400 series, not one per track (statements are counted per operation)
    const metrics = (await app.http().get('/metrics')).text;
    const sql = Number(
      /soundgraph_graphql_sql_statements_sum\{operation="ChartAudience"\} (\d+)/.exec(metrics)?.[1],
    );
    expect(sql).toBeGreaterThanOrEqual(4);
    expect(sql).toBeLessThanOrEqual(8);
    const spins = entries.find((e) => e.track.spins && e.track.spins.points.at(-1)!.value > 0)!.track.spins!;
    expect(spins.metric).toBe('spins');
    const values = spins.points.map((p) => p.value);
    expect(values).toEqual([...values].sort((a, b) => a - b)); // a running total

    const rue = await app.gql<{
      artist: {
        name: string;
        audience: { metric: string; points: { date: string; value: number }[] };
        followers: { points: { date: string; value: number }[] };
      };
    }>(
      `query($id: String!) { artist(spotifyId: $id) { name
         audience(platform: "spotify", metric: "monthly_listeners") { metric points { date value } }
         followers: audience(platform: "instagram") { points { date value } } } }`,
      { id: known.rueDeVivreSpotifyId },
    );
    expect(rue.errors).toBeUndefined();
    const today = new Date(emulator.now()).toISOString().slice(0, 10);
    const listening = emulator.data.artistListening(
      known.rueDeVivreArtistUuid,
      'spotify',
      day(today, -HISTORY_DAYS),
      today,
    );
    expect(rue.data!.artist.audience.metric).toBe('monthly_listeners');
    expect(rue.data!.artist.audience.points.at(-1)).toEqual({
      date: listening.at(-1)!.day,
      value: listening.at(-1)!.value,
    });
    expect(rue.data!.artist.followers.points.length).toBeGreaterThan(50);

    // what other modules read
    const service = app.app.get(SoundchartsService);
    const [{ id: artistId }] = await adminQueryIn<{ id: string }>(
      app.databaseUrl,
      'SELECT id FROM artist WHERE spotify_id = $1',
      [known.rueDeVivreSpotifyId],
    );
    const latest = await service.latestAudience('artist', [artistId], 'spotify', 'monthly_listeners');
    expect(latest.get(artistId)).toEqual({ date: listening.at(-1)!.day, value: listening.at(-1)!.value });
    const genres = await service.artistGenres([artistId]);
    expect(genres.get(artistId)).toEqual(emulator.data.artistByUuid(known.rueDeVivreArtistUuid)!.genres);
  });

  it('exports audience to an .xlsx served to operators only, one sheet per platform and metric', async () => {
    const tracks = await adminQueryIn<{ track_id: string; name: string }>(
      app.databaseUrl,
      `SELECT e.track_id, t.name FROM soundcharts_chart_entry e JOIN track t ON t.id = e.track_id
       ORDER BY e.position LIMIT 3`,
    );
    const today = new Date(emulator.now()).toISOString().slice(0, 10);
    const from = day(today, -20);
    const res = await app.gql<{
      exportAudience: { fileName: string; downloadPath: string; sheets: string[]; entities: number };
    }>(
      `mutation($ids: [ID!]!, $from: Date) {
         exportAudience(entityType: TRACK, ids: $ids, platforms: ["spotify", "airplay"], from: $from) {
           fileName downloadPath sheets entities } }`,
      { ids: tracks.map((t) => t.track_id), from },
    );
    expect(res.errors).toBeUndefined();
    const exported = res.data!.exportAudience;
    expect(exported.sheets).toEqual(['airplay-spins', 'spotify-streams']);
    expect(exported.downloadPath).toBe(`/exports/${exported.fileName}`);

    const reader = await app
      .http()
      .get(exported.downloadPath)
      .set('authorization', `Bearer ${TEST_KEYS.reader}`);
    expect(reader.status).toBe(403);
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', '.hidden', 'a%2Fb.xlsx'])
      expect(
        (await app.http().get(`/exports/${bad}`).set('authorization', `Bearer ${TEST_KEYS.operator}`)).status,
      ).toBe(400);
    expect(
      (
        await app
          .http()
          .get('/exports/nothing-here.xlsx')
          .set('authorization', `Bearer ${TEST_KEYS.operator}`)
      ).status,
    ).toBe(404);
    const download = await app
      .http()
      .get(exported.downloadPath)
      .set('authorization', `Bearer ${TEST_KEYS.operator}`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toContain('spreadsheetml');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(download.body as Buffer).buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['airplay-spins', 'spotify-streams']);
    const sheet = workbook.getWorksheet('spotify-streams')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'date', ...tracks.map((t) => t.name)]);
    const stored = await adminQueryIn<{ entity_id: string; day: string; value: number }>(
      app.databaseUrl,
      `SELECT entity_id, to_char(day, 'YYYY-MM-DD') AS day, value FROM soundcharts_audience_point
       WHERE entity_id = ANY($1) AND platform = 'spotify' AND metric = 'streams' AND day >= $2 ORDER BY day`,
      [tracks.map((t) => t.track_id), from],
    );
    const days = [...new Set(stored.map((p) => p.day))];
    expect(sheet.rowCount).toBe(1 + days.length);
    days.forEach((d, i) => {
      const row = sheet.getRow(2 + i);
      expect((row.getCell(1).value as Date).toISOString().slice(0, 10)).toBe(d);
      tracks.forEach((t, j) => {
        const point = stored.find((p) => p.day === d && p.entity_id === t.track_id);
        expect(row.getCell(2 + j).value ?? null).toBe(point ? point.value : null);
      });
    });
    expect(workbook.getWorksheet('airplay-spins')!.rowCount).toBeGreaterThan(1);
  });

  it('refuses a cascade that would take the quota below the reserve, saying how many requests it needs', async () => {
    emulator.advanceClock(DAY);
    emulator.setQuota(1200);
    emulator.clearRequestLog();
    const run = await cascade();
    expect(run.status).toBe('FAILED');
    expect(run.error).toMatch(
      /cascade refused: it needs about \d+ Soundcharts requests and 1200 remain in the quota; it would go below the reserve of 1000/,
    );
    const needed = Number(/about (\d+)/.exec(run.error!)![1]);
    const { songs, artists } = chartSongs();
    expect(needed).toBe(songs.length * SONG_SERIES + artists.length * ARTIST_SERIES);
    expect(dataRequests()).toHaveLength(0);
    emulator.setQuota(100_000);
  });

  /** Series (Soundcharts uuid, platform, metric) → its last stored day. */
  async function storedSeriesEnds(): Promise<Map<string, string>> {
    const rows = await adminQueryIn<{ uuid: string; platform: string; metric: string; last: string }>(
      app.databaseUrl,
      `SELECT coalesce(s.song_uuid, a.artist_uuid) AS uuid, p.platform, p.metric, to_char(max(p.day), 'YYYY-MM-DD') AS last
       FROM soundcharts_audience_point p
       LEFT JOIN soundcharts_song s ON p.entity_type = 'track' AND s.track_id = p.entity_id
       LEFT JOIN soundcharts_artist a ON p.entity_type = 'artist' AND a.artist_id = p.entity_id
       GROUP BY 1, 2, 3`,
    );
    return new Map(rows.map((r) => [`${r.uuid}|${r.platform}|${r.metric}`, r.last]));
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    return Number((await adminQueryIn<{ n: string }>(app.databaseUrl, sql, params))[0].n);
  }
});

const SONG_METRICS: Record<string, string> = { spotify: 'streams', youtube: 'views', shazam: 'shazams' };

/** The stored series a request fetches, keyed like storedSeriesEnds. */
function seriesOf(path: string): string {
  const parts = path.split('/');
  const uuid = parts[4];
  if (path.endsWith('/broadcast-groups')) return `${uuid}|airplay|spins`;
  if (path.endsWith('/streaming/spotify/listening')) return `${uuid}|spotify|monthly_listeners`;
  if (parts[3] === 'song') return `${uuid}|${parts[6]}|${SONG_METRICS[parts[6]]}`;
  return `${uuid}|${parts[6]}|followers`;
}

function day(from: string, offset: number): string {
  return new Date(Date.parse(`${from}T00:00:00Z`) + offset * DAY).toISOString().slice(0, 10);
}
