import type {
  SoundchartsChartJson,
  SoundchartsCollectionJson,
  SoundchartsErrorJson,
  SoundchartsRankingItemJson,
  SoundchartsRankingRelatedJson,
} from './soundcharts-api.types';
import { SoundchartsEmulator } from './soundcharts-emulator';
import { scGet } from './soundcharts-emulator.test-helpers';

type Ranking = SoundchartsCollectionJson<SoundchartsRankingItemJson, SoundchartsRankingRelatedJson>;

describe('Soundcharts emulator: charts and rankings', () => {
  let now = Date.UTC(2026, 10, 22, 13);
  const emu = new SoundchartsEmulator({ now: () => now });
  const slug200 = emu.data.known.chart200Slug;
  const latestPath = `/api/v2.14/chart/song/${slug200}/ranking/latest`;

  beforeAll(() => emu.start());
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.reset();
    now = Date.UTC(2026, 10, 22, 13);
  });

  it('lists the charts of a platform, filtered by country, and refuses unknown platform codes', async () => {
    const all = await scGet<SoundchartsCollectionJson<SoundchartsChartJson>>(
      emu,
      '/api/v2/chart/song/by-platform/spotify',
    );
    expect(all.status).toBe(200);
    expect(all.body.items.map((c) => c.slug)).toEqual(['global-28', 'fr-28', 'us-28', 'global-weekly-28']);
    expect(all.body.items.map((c) => c.maxResultsCount)).toEqual([200, 50, 50, 50]);
    expect(all.body.page).toEqual({ offset: 0, limit: 100, total: 4, next: null, previous: null });
    expect(all.body.errors).toEqual([]);
    const fr = await scGet<SoundchartsCollectionJson<SoundchartsChartJson>>(
      emu,
      '/api/v2/chart/song/by-platform/spotify?countryCode=FR',
    );
    expect(fr.body.items.map((c) => c.slug)).toEqual(['fr-28']);
    const bad = await scGet<SoundchartsErrorJson>(emu, '/api/v2/chart/song/by-platform/myspace');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({ key: 'platform', code: 400, message: 'Invalid platform code' });
  });

  it('serves the 200-entry chart in two pages of 100 with page.total and page.next', async () => {
    const first = await scGet<Ranking>(emu, latestPath);
    expect(first.status).toBe(200);
    expect(first.body.page).toEqual({
      offset: 0,
      limit: 100,
      total: 200,
      next: `${latestPath}?offset=100&limit=100`,
      previous: null,
    });
    const second = await scGet<Ranking>(emu, first.body.page.next ?? '');
    expect(second.body.page).toMatchObject({ offset: 100, total: 200, next: null });
    expect(second.body.page.previous).toBe(`${latestPath}?offset=0&limit=100`);
    const items = [...first.body.items, ...second.body.items];
    expect(items.map((i) => i.position)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(items.map((i) => i.song.uuid)).size).toBe(200);
    expect(first.body.related.date).toBe('2026-11-22T12:00:00+00:00');
    expect(first.body.related.chart).toMatchObject({
      slug: slug200,
      maxResultsCount: 200,
      metric: { type: 'streams' },
    });
    // Streams fall with the position.
    expect(items.every((item, i) => i === 0 || item.metric < items[i - 1].metric)).toBe(true);
    expect(Object.keys(items[0].song).sort()).toEqual(['creditName', 'imageUrl', 'name', 'uuid']);
  });

  it('refuses a limit above 100 instead of clamping it', async () => {
    const res = await scGet<SoundchartsErrorJson>(emu, `${latestPath}?limit=200`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ key: 'limit', code: 400 });
    const page = await scGet<Ranking>(emu, `${latestPath}?offset=150&limit=100`);
    expect(page.body.items).toHaveLength(50);
    expect(page.body.page.next).toBeNull();
  });

  it('lists ranking dates newest first and serves each one verbatim, with evolutions against the previous one', async () => {
    const dates = await scGet<SoundchartsCollectionJson<string>>(
      emu,
      `/api/v2/chart/song/${slug200}/available-rankings?limit=3`,
    );
    expect(dates.body.items).toEqual([
      '2026-11-22T12:00:00+00:00',
      '2026-11-21T12:00:00+00:00',
      '2026-11-20T12:00:00+00:00',
    ]);
    expect(dates.body.page.total).toBe(691);
    const [today, yesterday] = await Promise.all(
      dates.body.items.slice(0, 2).map(async (d) => {
        const pages = await Promise.all(
          [0, 100].map((o) =>
            scGet<Ranking>(emu, `/api/v2.14/chart/song/${slug200}/ranking/${d}?offset=${o}`),
          ),
        );
        return pages.flatMap((p) => p.body.items);
      }),
    );
    const latest = await scGet<Ranking>(emu, latestPath);
    expect(today.slice(0, 100)).toEqual(latest.body.items);
    const before = new Map(yesterday.map((i) => [i.song.uuid, i]));
    let moved = 0;
    for (const item of today) {
      const previous = before.get(item.song.uuid);
      expect(item.rankDate).toBe('2026-11-22T12:00:00+00:00');
      expect(item.timeOnChartUnit).toBe('DOC');
      if (previous) {
        expect(item.oldPosition).toBe(previous.position);
        expect(item.positionEvolution).toBe(previous.position - item.position);
        expect(item.timeOnChart).toBe(previous.timeOnChart + 1);
        expect(item.entryDate).toBe(previous.entryDate);
        if (item.positionEvolution !== 0) moved++;
      } else {
        expect(item.positionEvolution).toBe(0);
        expect(['NEW', 'RE_ENTRY']).toContain(item.entryState);
      }
    }
    expect(moved).toBeGreaterThan(20);
    // `+` sent percent-encoded is the same datetime.
    const encoded = await scGet<Ranking>(
      emu,
      `/api/v2.14/chart/song/${slug200}/ranking/${encodeURIComponent('2026-11-21T12:00:00+00:00')}`,
    );
    expect(encoded.body.items[0]).toEqual(yesterday[0]);
  });

  it('answers 404 for a datetime without ranking, a future ranking or an unknown chart', async () => {
    const noRanking = await scGet<SoundchartsErrorJson>(
      emu,
      `/api/v2.14/chart/song/${slug200}/ranking/2026-11-21T13:00:00+00:00`,
    );
    expect(noRanking.status).toBe(404);
    expect(
      (await scGet(emu, `/api/v2.14/chart/song/${slug200}/ranking/2026-11-23T12:00:00+00:00`)).status,
    ).toBe(404);
    const noChart = await scGet<SoundchartsErrorJson>(emu, '/api/v2.14/chart/song/nope-99/ranking/latest');
    expect(noChart.status).toBe(404);
    expect(noChart.body.errors[0].message).toBe('Chart not found');
  });

  it('publishes a new ranking when the clock passes the next publication time', async () => {
    const before = await scGet<Ranking>(emu, latestPath);
    emu.advanceClock(24 * 3_600_000);
    const after = await scGet<Ranking>(emu, latestPath);
    expect(before.body.related.date).toBe('2026-11-22T12:00:00+00:00');
    expect(after.body.related.date).toBe('2026-11-23T12:00:00+00:00');
  });

  it('has smaller charts of 50, weekly ones in weeks on chart, and an airplay chart in spins', async () => {
    const fr = await scGet<Ranking>(emu, '/api/v2.14/chart/song/fr-28/ranking/latest');
    expect(fr.body.page.total).toBe(50);
    const weekly = await scGet<Ranking>(emu, '/api/v2.14/chart/song/global-weekly-28/ranking/latest');
    expect(weekly.body.related.date).toBe('2026-11-20T12:00:00+00:00');
    expect(weekly.body.items[0].timeOnChartUnit).toBe('WOC');
    const airplay = await scGet<Ranking>(emu, '/api/v2.14/chart/song/airplay-daily-fr/ranking/latest');
    expect(airplay.body.related.chart).toMatchObject({ platform: 'airplay', metric: { type: 'spins' } });
    // The song with several Spotify ids charts on the 200-entry chart.
    const latest = await scGet<Ranking>(emu, latestPath);
    expect(latest.body.items.map((i) => i.song.uuid)).toContain(emu.data.known.multiIdSongUuid);
  });
});
