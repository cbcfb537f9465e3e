import { JobsService } from '../src/jobs/jobs.service';
import type { JobRunEntity } from '../src/jobs/entities/job-run.entity';
import { MusicService } from '../src/music';
import { SoundchartsEmulator } from '../src/sandbox/soundcharts';
import type { SoundchartsRequestLogEntry } from '../src/sandbox/soundcharts';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { SoundchartsClock } from '../src/soundcharts';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
const BASE = Date.parse('2026-05-15T15:00:00Z');

type Step = { step: string; status: string; carriedOver: boolean; jobRunId: string; error: string | null };
type Result = Record<string, number>;

describe('Soundcharts cascade when Soundcharts misbehaves', () => {
  const started = Date.now();
  const emulator = new SoundchartsEmulator({
    catalog,
    rateLimit: false,
    now: () => BASE + Date.now() - started,
  });
  const known = emulator.data.known;
  let app: TestApp;
  let jobs: JobsService;
  const charts: Record<string, string> = {};

  beforeAll(async () => {
    await emulator.start();
    app = await createTestApp({
      SOUNDCHARTS_API_URL: emulator.url,
      SOUNDCHARTS_APP_ID: emulator.appId,
      SOUNDCHARTS_API_KEY: emulator.apiKey,
      SOUNDCHARTS_HISTORY_DAYS: '30',
      SOUNDCHARTS_TRACK_PLATFORMS: 'spotify',
      SOUNDCHARTS_ARTIST_PLATFORMS: 'spotify',
      SOUNDCHARTS_AIRPLAY: 'false',
      SOUNDCHARTS_RETRY_BASE_MS: '1',
    });
    app.app.get(SoundchartsClock).useSource(() => emulator.now());
    jobs = app.app.get(JobsService);
    for (const slug of ['fr-28', 'us-28']) {
      const res = await app.gql<{ triggerChartSync: { id: string } }>(
        'mutation($slug: String!) { triggerChartSync(slug: $slug) { id } }',
        { slug },
      );
      const done = await jobs.waitFor(res.data!.triggerChartSync.id, { timeoutMs: 30_000 });
      charts[slug] = (done.result as { chartId: string }).chartId;
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  const run = async (mutation: string, variables: Record<string, unknown>): Promise<JobRunEntity> => {
    const res = await app.gql<Record<string, { id: string }>>(mutation, variables);
    expect(res.errors).toBeUndefined();
    return jobs.waitFor(Object.values(res.data!)[0].id, { timeoutMs: 60_000 });
  };
  const cascade = (slug: string) =>
    run('mutation($id: ID!) { triggerCascade(chartId: $id) { id } }', { id: charts[slug] });
  const steps = async (jobRunId: string) =>
    (
      await app.gql<{ jobRun: { cascadeSteps: (Step & { result: Result })[] } }>(
        'query($id: ID!) { jobRun(id: $id) { cascadeSteps { step status carriedOver jobRunId error result } } }',
        { id: jobRunId },
      )
    ).data!.jobRun.cascadeSteps;
  const paths = (log: readonly SoundchartsRequestLogEntry[], prefix: string) =>
    log.filter((r) => r.path.startsWith(prefix));

  it('fails a step clearly on the quota 429, keeps the other steps, and retries it alone', async () => {
    emulator.injectFault({
      status: 429,
      message: 'API quota exceeded: no requests left in your current term',
      path: '/api/v2.9/artist/',
      count: 1,
    });
    const failed = await cascade('fr-28');
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/1 of 4 cascade steps did not succeed: artist-metadata FAILED/);
    expect(failed.error).toMatch(/Soundcharts quota exhausted \(429: API quota exceeded/);
    expect(failed.error).toContain(`retryCascade(jobRunId: "${failed.id}")`);
    const before = await steps(failed.id);
    expect(before.map((s) => [s.step, s.status])).toEqual([
      ['song-metadata', 'SUCCEEDED'],
      ['artist-metadata', 'FAILED'],
      ['song-audience', 'SUCCEEDED'],
      ['artist-audience', 'SUCCEEDED'],
    ]);
    // permanent: not retried by the queue
    expect((await jobs.get(before[1].jobRunId))!.attempts).toBe(1);
    expect(before[2].result).toMatchObject({ entities: 50, fetched: 50 });

    emulator.clearRequestLog();
    const retry = await run('mutation($id: ID!) { retryCascade(jobRunId: $id) { id } }', { id: failed.id });
    expect(retry.status).toBe('SUCCEEDED');
    const after = await steps(retry.id);
    expect(after.map((s) => [s.step, s.status, s.carriedOver])).toEqual([
      ['song-metadata', 'SUCCEEDED', true],
      ['artist-metadata', 'SUCCEEDED', false],
      ['song-audience', 'SUCCEEDED', true],
      ['artist-audience', 'SUCCEEDED', false],
    ]);
    expect(after[0].jobRunId).toBe(before[0].jobRunId);
    expect(after[3].result.fetched).toBeGreaterThan(0);
    // only the artists' requests were made again
    const log = emulator.requestLog().filter((r) => r.path !== '/api/v2/team/usage');
    expect(log.length).toBeGreaterThan(0);
    expect(
      log.every((r) => r.path.startsWith('/api/v2.9/artist/') || r.path.startsWith('/api/v2/artist/')),
    ).toBe(true);
    expect(retry.result).toMatchObject({ retryOf: failed.id, stepsByStatus: { SUCCEEDED: 4 } });

    const again = await app.gql('mutation($id: ID!) { retryCascade(jobRunId: $id) { id } }', {
      id: retry.id,
    });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'jobRunId' });
  }, 60_000);

  it('waits out a rate-limit 429 in place and retries 502/503/504 with backoff', async () => {
    emulator.clearRequestLog();
    emulator.injectFault({
      status: 429,
      path: '/api/v2.25/song/',
      count: 2,
      headers: { 'x-ratelimit-reset': '1' },
    });
    emulator.injectFault({ status: 503, path: '/api/v2.9/artist/', count: 2 });
    emulator.injectFault({ status: 502, path: '/audience/spotify', count: 1 });
    const done = await cascade('us-28');
    expect(done.status).toBe('SUCCEEDED');
    const log = emulator.requestLog();
    const limited = log.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    for (const r of limited) {
      const next = log.find((x) => x.path === r.path && Date.parse(x.time) > Date.parse(r.time));
      expect(next?.status).toBe(200);
      expect(Date.parse(next!.time) - Date.parse(r.time)).toBeGreaterThanOrEqual(990);
    }
    expect(log.filter((r) => r.status === 503)).toHaveLength(2);
    expect(log.filter((r) => r.status === 502)).toHaveLength(1);
    // waited and retried in place: every step succeeded on its first attempt
    for (const step of await steps(done.id)) expect((await jobs.get(step.jobRunId))!.attempts).toBe(1);
    // songs fr-28 already brought are up to date; the others were each fetched once, after any wait
    const latest = (slug: string) =>
      emulator.data
        .ranking(slug, emulator.data.rankingDates(slug, emulator.now())[0])!
        .map((e) => e.songUuid);
    const fr = new Set(latest('fr-28'));
    const fetched = paths(log, '/api/v2.25/song/').filter((r) => r.status === 200);
    expect(fetched.map((r) => r.path).sort()).toEqual(
      latest('us-28')
        .filter((uuid) => !fr.has(uuid))
        .map((uuid) => `/api/v2.25/song/${uuid}`)
        .sort(),
    );
  }, 60_000);

  it('looks given tracks up by Spotify id: a by-platform 404 and a 410 ISRC do not fail the cascade', async () => {
    const onCharts = new Set(
      ['fr-28', 'us-28'].flatMap((slug) =>
        emulator.data
          .ranking(slug, emulator.data.rankingDates(slug, emulator.now())[0])!
          .map((e) => e.songUuid),
      ),
    );
    const free = emulator.data.songs.find((s) => !onCharts.has(s.uuid) && s.spotifyTracks.length === 1)!;
    const spotifyTrack = (id: string) => {
      const t = catalog.trackById(id)!;
      return {
        spotifyId: t.id,
        name: t.name,
        isrc: t.isrc,
        durationMs: t.durationMs,
        artists: t.artistIds.map((a) => ({ spotifyId: a, name: catalog.artistById(a)!.name })),
      };
    };
    const music = app.app.get(MusicService);
    const ids = await music.upsertSpotifyTracks([
      spotifyTrack(free.spotifyTracks[0].id),
      spotifyTrack(known.pendingSpotifyTrackId),
      spotifyTrack(known.blacklistedSpotifyTrackIds[0]),
      { spotifyId: known.unknownSpotifyTrackId, name: 'Nobody Knows', artists: [] },
    ]);
    const trackIds = [...ids.values()];
    expect(trackIds).toHaveLength(4);
    const trackCascade = () =>
      run('mutation($ids: [ID!]!) { triggerTrackCascade(trackIds: $ids) { id } }', { ids: trackIds });

    emulator.clearRequestLog();
    const first = await trackCascade();
    expect(first.error).toBeNull();
    expect(first.status).toBe('SUCCEEDED');
    const resolve = (await steps(first.id)).find((s) => s.step === 'resolve-songs')!;
    expect(resolve.result).toMatchObject({ tracks: 4, resolved: 1, pending: 2, blacklisted: 1, notFound: 0 });
    const lookups = paths(emulator.requestLog(), '/api/v2.25/song/by-platform/spotify/');
    expect(lookups.map((r) => [r.status, r.billed]).sort()).toEqual([
      [200, true],
      [404, false],
      [404, false],
      [410, true],
    ]);
    expect(paths(emulator.requestLog(), '/api/v2.25/song/by-isrc/')).toHaveLength(0);
    // the lookup's answer is the song's metadata: not fetched again by uuid
    expect(paths(emulator.requestLog(), `/api/v2.25/song/${free.uuid}`)).toHaveLength(0);
    const resolved = await music.trackBySpotifyId(free.spotifyTracks[0].id);
    expect(resolved?.soundchartsUuid).toBe(free.uuid);
    expect(paths(emulator.requestLog(), `/api/v2/song/${free.uuid}/audience/spotify`)).toHaveLength(1);

    // two hours later Soundcharts has ingested the pending song; the blacklisted ISRC is not asked again
    emulator.advanceClock(known.ingestionDelayMs + 60_000);
    emulator.clearRequestLog();
    const second = await trackCascade();
    expect(second.status).toBe('SUCCEEDED');
    const again = (await steps(second.id)).find((s) => s.step === 'resolve-songs')!;
    expect(again.result).toMatchObject({ alreadyKnown: 1, resolved: 1, pending: 1, blacklistedBefore: 1 });
    const statuses = await adminQueryIn<{ status: string; n: string }>(
      app.databaseUrl,
      'SELECT status, count(*) AS n FROM soundcharts_track_resolution GROUP BY status ORDER BY status',
    );
    expect(statuses.map((r) => [r.status, Number(r.n)])).toEqual([
      ['BLACKLISTED', 1],
      ['FOUND', 2],
      ['PENDING', 1],
    ]);
    expect((await music.trackBySpotifyId(known.pendingSpotifyTrackId))?.soundchartsUuid).toBe(
      known.pendingSongUuid,
    );
  }, 60_000);

  it('auto-cascades a queued sync over its ranking; 401/403 are not retried; a retry after a newer ranking covers the first', async () => {
    const slug = 'airplay-daily-fr';
    const songsOf = (datetime: string) => emulator.data.ranking(slug, datetime)!.map((e) => e.songUuid);
    // auto-cascade on, and a cron that does not fire during the test: a sync without `cascade` follows it
    const schedule = await app.gql(
      `mutation { upsertChartSyncSchedule(input: { chartSlug: "${slug}", cron: "0 0 1 1 *", autoCascade: true }) { id } }`,
    );
    expect(schedule.errors).toBeUndefined();
    const first = songsOf(emulator.data.rankingDates(slug, emulator.now())[0]);
    const stored = new Set(
      (
        await adminQueryIn<{ song_uuid: string }>(app.databaseUrl, 'SELECT song_uuid FROM soundcharts_song')
      ).map((r) => r.song_uuid),
    );
    const [unauthorized, forbidden] = first.filter((uuid) => !stored.has(uuid));
    expect(forbidden).toBeDefined();
    emulator.injectFault({ status: 401, path: `/api/v2.25/song/${unauthorized}`, count: 1 });
    emulator.injectFault({ status: 403, path: `/api/v2/song/${forbidden}/audience/spotify`, count: 1 });
    emulator.clearRequestLog();

    // the sync job queues the cascade itself (no `inline`), tied to the ranking it stored
    const sync = await run('mutation($slug: String!) { triggerChartSync(slug: $slug) { id } }', { slug });
    expect(sync.status).toBe('SUCCEEDED');
    const synced = sync.result as { rankingId: string; cascade: boolean; cascadeJobRunId: string | null };
    expect(synced.cascade).toBe(true);
    expect(synced.cascadeJobRunId).toEqual(expect.any(String));
    const failed = await jobs.waitFor(synced.cascadeJobRunId!, { timeoutMs: 60_000 });
    expect(failed.kind).toBe('soundcharts.cascade');
    expect(failed.payload).toMatchObject({ chartId: expect.any(String), rankingId: synced.rankingId });
    const rankingOf = async (jobRunId: string) =>
      (
        await adminQueryIn<{ ranking_id: string }>(
          app.databaseUrl,
          'SELECT ranking_id FROM soundcharts_cascade WHERE job_run_id = $1',
          [jobRunId],
        )
      )[0].ranking_id;
    expect(await rankingOf(failed.id)).toBe(synced.rankingId);

    // 401 and 403 fail their step at once: one request each, one attempt, the other steps keep their data
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(
      /song-metadata FAILED \(Soundcharts GET \/api\/v2\.25\/song\/\{uuid\} answered 401/,
    );
    expect(failed.error).toMatch(/song-audience FAILED \(Soundcharts .* answered 403/);
    const log = emulator.requestLog();
    expect(log.filter((r) => r.path === `/api/v2.25/song/${unauthorized}`).map((r) => r.status)).toEqual([
      401,
    ]);
    expect(
      log.filter((r) => r.path === `/api/v2/song/${forbidden}/audience/spotify`).map((r) => r.status),
    ).toEqual([403]);
    const before = await steps(failed.id);
    expect(before.map((s) => [s.step, s.status])).toEqual([
      ['song-metadata', 'FAILED'],
      ['artist-metadata', 'SUCCEEDED'],
      ['song-audience', 'FAILED'],
      ['artist-audience', 'SUCCEEDED'],
    ]);
    for (const step of before.filter((s) => s.status === 'FAILED'))
      expect((await jobs.get(step.jobRunId))!.attempts).toBe(1);

    // days later the chart has a newer ranking, synced without a cascade
    emulator.advanceClock(3 * 86_400_000);
    const newer = await run(
      'mutation($slug: String!) { triggerChartSync(slug: $slug, cascade: false) { id } }',
      {
        slug,
      },
    );
    expect(newer.status).toBe('SUCCEEDED');
    expect((newer.result as { rankingId: string }).rankingId).not.toBe(synced.rankingId);
    const onlyNewer = songsOf(emulator.data.rankingDates(slug, emulator.now())[0]).filter(
      (uuid) => !first.includes(uuid),
    );
    expect(onlyNewer.length).toBeGreaterThan(0);

    // the retry finishes the first ranking's work: its songs, none of the newer ranking's
    emulator.clearRequestLog();
    const retry = await run('mutation($id: ID!) { retryCascade(jobRunId: $id) { id } }', { id: failed.id });
    expect(retry.error).toBeNull();
    expect(retry.status).toBe('SUCCEEDED');
    expect(await rankingOf(retry.id)).toBe(synced.rankingId);
    const songPaths = emulator
      .requestLog()
      .filter((r) => /^\/api\/v2(\.25)?\/song\//.test(r.path))
      .map((r) => r.path);
    const uuidIn = (path: string) =>
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(path)![0];
    expect(songPaths.length).toBeGreaterThan(0);
    expect(songPaths.filter((path) => !first.includes(uuidIn(path)))).toEqual([]);
    expect(songPaths).toContain(`/api/v2.25/song/${unauthorized}`);
    expect(songPaths).toContain(`/api/v2/song/${forbidden}/audience/spotify`);
    const found = await adminQueryIn<{ song_uuid: string }>(
      app.databaseUrl,
      `SELECT song_uuid FROM soundcharts_song WHERE status = 'FOUND' AND song_uuid = ANY($1::uuid[])`,
      [first],
    );
    expect(found.map((r) => r.song_uuid).sort()).toEqual([...first].sort());

    const removed = await app.gql<{ removeChartSyncSchedule: boolean }>(
      `mutation { removeChartSyncSchedule(chartSlug: "${slug}") }`,
    );
    expect(removed.data?.removeChartSyncSchedule).toBe(true);
  }, 120_000);
});
