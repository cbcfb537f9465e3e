import { JobsService } from '../src/jobs/jobs.service';
import { SoundchartsEmulator } from '../src/sandbox/soundcharts';
import { SpotifyCatalog } from '../src/sandbox/spotify';
import { ChartScheduleRunner } from '../src/soundcharts/chart-schedule.runner';
import { CHART_SYNC_JOB, SoundchartsClock } from '../src/soundcharts';
import { adminQueryIn, createTestApp, TestApp } from './support/test-app';

const catalog = SpotifyCatalog.generate();
/** 2026-05-15 15:00 UTC, moving with real time (the emulator's rate window and rankings need a running clock). */
const BASE = Date.parse('2026-05-15T15:00:00Z');

describe('Soundcharts charts: sync, rankings, schedules, health', () => {
  const started = Date.now();
  const emulator = new SoundchartsEmulator({
    catalog,
    rateLimit: false,
    now: () => BASE + Date.now() - started,
  });
  let app: TestApp;
  let jobs: JobsService;
  const env = () => ({
    SOUNDCHARTS_API_URL: emulator.url,
    SOUNDCHARTS_APP_ID: emulator.appId,
    SOUNDCHARTS_API_KEY: emulator.apiKey,
    SOUNDCHARTS_RETRY_BASE_MS: '1',
  });

  beforeAll(async () => {
    await emulator.start();
    app = await createTestApp(env());
    app.app.get(SoundchartsClock).useSource(() => emulator.now());
    jobs = app.app.get(JobsService);
  });
  afterAll(async () => {
    await app?.close();
    await emulator.stop();
  });

  const sync = async (slug: string) => {
    const res = await app.gql<{ triggerChartSync: { id: string; status: string; kind: string } }>(
      'mutation($slug: String!) { triggerChartSync(slug: $slug) { id status kind } }',
      { slug },
    );
    expect(res.data?.triggerChartSync).toMatchObject({ status: 'QUEUED', kind: 'soundcharts.chart-sync' });
    return jobs.waitFor(res.data!.triggerChartSync.id, { timeoutMs: 30_000 });
  };
  const count = async (sql: string) => Number((await adminQueryIn<{ n: string }>(app.databaseUrl, sql))[0].n);

  it('syncs a 200-entry chart in two ranking pages into 200 tracks', async () => {
    emulator.clearRequestLog();
    const done = await sync('global-28');
    expect(done.status).toBe('SUCCEEDED');
    const rankingCalls = emulator.requestLog().filter((r) => r.path.includes('/ranking/'));
    expect(rankingCalls.map((r) => [r.path.split('/ranking/')[1] === 'latest', r.query.offset])).toEqual([
      [true, '0'],
      [false, '100'],
    ]);
    const latest = emulator.data.rankingDates('global-28', emulator.now())[0];
    // the second page asks for that ranking by its datetime, so a ranking published meanwhile cannot mix in
    expect(decodeURIComponent(rankingCalls[1].path)).toContain(`/ranking/${latest}`);
    expect(done.result).toMatchObject({
      slug: 'global-28',
      entries: 200,
      cascade: false,
      cascadeJobRunId: null,
    });
    expect(await count('SELECT count(*) AS n FROM track WHERE soundcharts_uuid IS NOT NULL')).toBe(200);
    expect(await count('SELECT count(*) AS n FROM soundcharts_chart_entry')).toBe(200);

    const res = await app.gql<{
      chart: {
        slug: string;
        name: string;
        platform: string;
        lastSyncedAt: string;
        rankings: {
          rankedAt: string;
          entries: {
            position: number;
            positionEvolution: number | null;
            timeOnChart: number | null;
            track: { id: string; soundchartsUuid: string; name: string };
          }[];
        };
      };
    }>(
      `{ chart(slug: "global-28") { slug name platform lastSyncedAt
           rankings { rankedAt entries { position positionEvolution timeOnChart track { id soundchartsUuid name } } } } }`,
    );
    const chart = res.data!.chart;
    expect(chart).toMatchObject({ slug: 'global-28', platform: 'spotify' });
    expect(chart.lastSyncedAt).not.toBeNull();
    expect(Date.parse(chart.rankings.rankedAt)).toBe(Date.parse(latest));
    const expected = emulator.data.ranking('global-28', latest)!;
    expect(chart.rankings.entries.map((e) => [e.position, e.track.soundchartsUuid])).toEqual(
      [...expected].sort((a, b) => a.position - b.position).map((e) => [e.position, e.songUuid]),
    );
    const first = chart.rankings.entries[0];
    const song = emulator.data.songByUuid(first.track.soundchartsUuid)!;
    expect(first.track.name).toBe(song.name);
  });

  it('stores a ranking once per chart and ranking date: syncing it again leaves the same rows', async () => {
    const snapshot = () =>
      adminQueryIn(
        app.databaseUrl,
        `SELECT r.id, r.ranked_at, e.song_uuid, e.track_id, e.position, e.time_on_chart
         FROM soundcharts_chart_ranking r JOIN soundcharts_chart_entry e ON e.ranking_id = r.id
         ORDER BY r.ranked_at, e.position`,
      );
    const before = await snapshot();
    expect((await sync('global-28')).status).toBe('SUCCEEDED');
    expect(await snapshot()).toEqual(before);
    expect(await count('SELECT count(*) AS n FROM track')).toBe(200);

    // a day later the latest ranking is another one: the chart keeps both, `rankings(date:)` finds the older one
    emulator.advanceClock(86_400_000);
    expect((await sync('global-28')).status).toBe('SUCCEEDED');
    expect(await count('SELECT count(*) AS n FROM soundcharts_chart_ranking')).toBe(2);
    const day = new Date(before[0].ranked_at as Date).toISOString().slice(0, 10);
    const older = await app.gql<{ chart: { rankings: { rankedAt: string } } }>(
      'query($d: Date) { chart(slug: "global-28") { rankings(date: $d) { rankedAt } } }',
      { d: day },
    );
    expect(new Date(older.data!.chart.rankings.rankedAt).toISOString()).toBe(
      new Date(before[0].ranked_at as Date).toISOString(),
    );
  });

  it('fails a sync clearly (unknown chart, 500 not retried) and reports health over the last runs', async () => {
    const unknown = await sync('no-such-chart');
    expect(unknown.status).toBe('FAILED');
    expect(unknown.error).toMatch(/no chart "no-such-chart" \(404\)/);

    expect((await sync('fr-28')).status).toBe('SUCCEEDED');
    emulator.injectFault({ status: 500, path: '/chart/song/fr-28/', count: 5 });
    emulator.clearRequestLog();
    const failed = await sync('fr-28');
    emulator.clearFaults();
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toMatch(/answered 500/);
    // 500 is not retried: one request, one attempt
    expect(emulator.requestLog().filter((r) => r.path.includes('/fr-28/'))).toHaveLength(1);
    expect(failed.attempts).toBe(1);

    const health = await app.gql<{
      chartSyncHealth: {
        chart: { slug: string };
        runs: number;
        lastSyncAt: string;
        lastSuccessAt: string;
        successRate: number;
        errorCount: number;
        status: string;
      }[];
    }>('{ chartSyncHealth { chart { slug } runs lastSyncAt lastSuccessAt successRate errorCount status } }');
    const bySlug = new Map(health.data!.chartSyncHealth.map((h) => [h.chart.slug, h]));
    expect(bySlug.get('global-28')).toMatchObject({
      runs: 3,
      successRate: 1,
      errorCount: 0,
      status: 'HEALTHY',
    });
    const fr = bySlug.get('fr-28')!;
    expect(fr).toMatchObject({ runs: 2, errorCount: 1, successRate: 0.5, status: 'FAILING' });
    expect(Date.parse(fr.lastSuccessAt)).toBeLessThan(Date.parse(fr.lastSyncAt));
    expect(bySlug.has('no-such-chart')).toBe(false);
  });

  it('shows the quota as Soundcharts last reported it', async () => {
    const res = await app.gql<{ soundchartsStatus: { quotaRemaining: number; lastCheckedAt: string } }>(
      '{ soundchartsStatus { quotaRemaining lastCheckedAt sandbox } }',
    );
    expect(res.data!.soundchartsStatus).toMatchObject({
      quotaRemaining: emulator.quotaRemaining(),
      sandbox: false,
    });
    expect(res.data!.soundchartsStatus.lastCheckedAt).not.toBeNull();
  });

  it('exports the quota Soundcharts last reported as a gauge at GET /metrics after a sync', async () => {
    emulator.setQuota(54_321);
    expect((await sync('global-weekly-28')).status).toBe('SUCCEEDED');
    const left = emulator.quotaRemaining();
    expect(left).toBeLessThan(54_321); // the sync's ranking pages were billed
    const metrics = (await app.http().get('/metrics')).text;
    const gauge = /^soundgraph_soundcharts_quota_remaining (\d+)$/m.exec(metrics);
    expect(Number(gauge?.[1])).toBe(left);
    emulator.setQuota(100_000);
  });

  it('validates schedules, and ticks each schedule once per tick across two worker processes', async () => {
    const upsert = (input: Record<string, unknown>) =>
      app.gql<{ upsertChartSyncSchedule: Record<string, unknown> }>(
        `mutation($input: ChartSyncScheduleInput!) {
           upsertChartSyncSchedule(input: $input) { id chartSlug cron timezone autoCascade lastRunAt lastStatus } }`,
        { input },
      );
    const badCron = await upsert({ chartSlug: 'us-28', cron: 'every day' });
    expect(badCron.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cron' });
    const badZone = await upsert({ chartSlug: 'us-28', cron: '0 6 * * *', timezone: 'Mars/Olympus' });
    expect(badZone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timezone' });
    const reader = await app.gql(
      'mutation { upsertChartSyncSchedule(input: { chartSlug: "us-28", cron: "0 6 * * *" }) { id } }',
      {},
      { as: 'reader' },
    );
    expect(reader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const daily = await upsert({ chartSlug: 'us-28', cron: '0 6 * * *', timezone: 'Europe/Paris' });
    expect(daily.data!.upsertChartSyncSchedule).toMatchObject({
      chartSlug: 'us-28',
      cron: '0 6 * * *',
      timezone: 'Europe/Paris',
      autoCascade: true,
      lastRunAt: null,
    });

    // a second worker on the same database (its own process in production); it reloads schedules every minute,
    // here at once
    const second = await createTestApp(env(), app.databaseUrl);
    try {
      const everySecond = await upsert({ chartSlug: 'fr-28', cron: '* * * * * *', autoCascade: false });
      expect(everySecond.errors).toBeUndefined();
      await second.app.get(ChartScheduleRunner).reload();
      await new Promise((resolve) => setTimeout(resolve, 3500));
      const removed = await app.gql<{ removeChartSyncSchedule: boolean }>(
        'mutation { removeChartSyncSchedule(chartSlug: "fr-28") }',
      );
      expect(removed.data?.removeChartSyncSchedule).toBe(true);
      await second.app.get(ChartScheduleRunner).reload();
      const runs = async () =>
        adminQueryIn<{ id: string; dedupe_key: string; status: string }>(
          app.databaseUrl,
          `SELECT id, dedupe_key, status FROM job_run WHERE kind = 'soundcharts.chart-sync'
             AND dedupe_key LIKE 'schedule:soundcharts.chart-sync:fr-28:%' ORDER BY dedupe_key`,
        );
      const ticks = await runs();
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(new Set(ticks.map((t) => t.dedupe_key)).size).toBe(ticks.length);
      for (const t of ticks) await jobs.waitFor(t.id, { timeoutMs: 30_000 });
      expect((await runs()).every((t) => t.status === 'SUCCEEDED')).toBe(true);
      // both processes ticked: the ticks the second one found already enqueued show in its metrics
      const metrics = await (await fetch(`${second.url}/metrics`)).text();
      const outcome = (o: string) =>
        Number(
          metrics.match(
            new RegExp(
              `soundgraph_schedule_ticks_total\\{schedule="soundcharts.chart-sync:fr-28",outcome="${o}"\\} (\\d+)`,
            ),
          )?.[1] ?? 0,
        );
      expect(outcome('enqueued') + outcome('duplicate')).toBeGreaterThanOrEqual(2);
    } finally {
      await second.close();
    }
    const schedules = await app.gql<{
      chartSyncSchedules: { chartSlug: string; lastRunAt: string | null; lastStatus: string | null }[];
    }>('{ chartSyncSchedules { chartSlug lastRunAt lastStatus } }');
    expect(schedules.data!.chartSyncSchedules).toEqual([
      { chartSlug: 'us-28', lastRunAt: null, lastStatus: null },
    ]);
    // a schedule's chart exists (so its health shows) before any sync
    const health = await app.gql<{ chartSyncHealth: { status: string }[] }>(
      '{ chartSyncHealth(slug: "us-28") { status } }',
    );
    expect(health.data!.chartSyncHealth).toEqual([{ status: 'NEVER_SYNCED' }]);
    // nothing to cascade before a sync, and an unknown chart is not found
    const us = await app.gql<{ chart: { id: string } }>('{ chart(slug: "us-28") { id } }');
    const cascade = (id: string) =>
      app.gql('mutation($id: ID!) { triggerCascade(chartId: $id) { id } }', { id });
    expect((await cascade(us.data!.chart.id)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'chartId',
    });
    expect((await cascade('00000000-0000-4000-8000-000000000000')).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  }, 60_000);

  it('answers upsertChartSyncSchedule with the status of the last sync the schedule started', async () => {
    type Schedule = { id: string; lastRunAt: string | null; lastStatus: string | null };
    const upsert = async (autoCascade: boolean): Promise<Schedule> => {
      const res = await app.gql<{ upsertChartSyncSchedule: Schedule }>(
        `mutation($input: ChartSyncScheduleInput!) {
           upsertChartSyncSchedule(input: $input) { id lastRunAt lastStatus } }`,
        { input: { chartSlug: 'global-weekly-28', cron: '0 0 1 1 *', autoCascade } },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.upsertChartSyncSchedule;
    };
    const created = await upsert(false);
    expect(created).toMatchObject({ lastRunAt: null, lastStatus: null });
    // what a tick of the schedule enqueues
    const tick = await jobs.start(CHART_SYNC_JOB, { slug: 'global-weekly-28', scheduleId: created.id });
    expect((await jobs.waitFor(tick.id, { timeoutMs: 30_000 })).status).toBe('SUCCEEDED');

    const updated = await upsert(false);
    expect(updated).toMatchObject({ id: created.id, lastStatus: 'SUCCEEDED', lastRunAt: expect.any(String) });
    const listed = await app.gql<{
      chartSyncSchedules: { chartSlug: string; lastRunAt: string | null; lastStatus: string | null }[];
    }>('{ chartSyncSchedules { chartSlug lastRunAt lastStatus } }');
    expect(listed.data!.chartSyncSchedules.find((s) => s.chartSlug === 'global-weekly-28')).toEqual({
      chartSlug: 'global-weekly-28',
      lastRunAt: updated.lastRunAt,
      lastStatus: updated.lastStatus,
    });
    const removed = await app.gql<{ removeChartSyncSchedule: boolean }>(
      'mutation { removeChartSyncSchedule(chartSlug: "global-weekly-28") }',
    );
    expect(removed.data?.removeChartSyncSchedule).toBe(true);
  });
});

describe('Soundcharts sandbox', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app?.close());

  it('serves Soundcharts from the in-process emulator when it has no credentials', async () => {
    const emulator = app.runtime.sandbox.soundchartsEmulator!;
    expect(emulator).toBeDefined();
    expect(app.config.soundcharts.apiUrl).toBe(emulator.url);
    const res = await app.gql<{ triggerChartSync: { id: string } }>(
      'mutation { triggerChartSync(slug: "fr-28") { id } }',
    );
    const done = await app.app.get(JobsService).waitFor(res.data!.triggerChartSync.id, { timeoutMs: 30_000 });
    expect(done.status).toBe('SUCCEEDED');
    expect(emulator.requestLog().some((r) => r.path === '/api/v2.14/chart/song/fr-28/ranking/latest')).toBe(
      true,
    );
    const status = await app.gql<{ soundchartsStatus: { sandbox: boolean } }>(
      '{ soundchartsStatus { sandbox } }',
    );
    expect(status.data!.soundchartsStatus.sandbox).toBe(true);
  });
});
