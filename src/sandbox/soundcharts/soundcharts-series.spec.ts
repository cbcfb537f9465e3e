import type {
  SoundchartsArtistAudienceItemJson,
  SoundchartsArtistSeriesRelatedJson,
  SoundchartsBroadcastGroupItemJson,
  SoundchartsCollectionJson,
  SoundchartsErrorJson,
  SoundchartsListeningItemJson,
  SoundchartsSongAudienceItemJson,
} from './soundcharts-api.types';
import { SoundchartsEmulator } from './soundcharts-emulator';
import { quotaOf, scGet } from './soundcharts-emulator.test-helpers';

type SongAudience = SoundchartsCollectionJson<SoundchartsSongAudienceItemJson>;

const DAY_MS = 86_400_000;
const dayOf = (date: string) => date.slice(0, 10);
const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS;

describe('Soundcharts emulator: time series', () => {
  let now = Date.UTC(2026, 10, 22, 13);
  const emu = new SoundchartsEmulator({ now: () => now });
  const known = emu.data.known;
  const songAudience = (query: string, platform = 'spotify', uuid = known.multiIdSongUuid) =>
    scGet<SongAudience>(emu, `/api/v2/song/${uuid}/audience/${platform}?${query}`);

  beforeAll(() => emu.start());
  afterAll(() => emu.stop());
  beforeEach(() => {
    emu.reset();
    now = Date.UTC(2026, 10, 22, 13);
  });

  it('accepts at most 90 days a request and answers 400 with an error body beyond', async () => {
    const ok = await songAudience('startDate=2026-01-01&endDate=2026-04-01');
    expect(ok.status).toBe(200);
    expect(ok.body.page.total).toBe(ok.body.items.length);
    expect(ok.body.items.length).toBeGreaterThan(80);
    const tooLong = await songAudience('startDate=2026-01-01&endDate=2026-04-02');
    expect(tooLong.status).toBe(400);
    expect((tooLong.body as unknown as SoundchartsErrorJson).errors[0]).toEqual({
      key: 'period',
      code: 400,
      message: 'Invalid period: the period cannot exceed 90 days',
    });
    expect(quotaOf(tooLong)).toBe(quotaOf(ok));
    const badDate = await songAudience('startDate=2026-02-30&endDate=2026-03-10');
    expect(badDate.status).toBe(400);
  });

  it('dates older points with Paris offsets: the first 10 characters are the day, UTC would be the day before', async () => {
    const { parisSummerPoint: summer, parisWinterPoint: winter } = known;
    expect(summer.date).toBe(`${summer.day}T00:00:00+02:00`);
    expect(winter.date).toBe(`${winter.day}T00:00:00+01:00`);
    for (const sample of [summer, winter]) {
      const res = await songAudience(`startDate=${sample.day}&endDate=${sample.day}`);
      expect(res.body.items.map((i) => i.date)).toEqual([sample.date]);
      expect(dayOf(res.body.items[0].date)).toBe(sample.day);
      expect(new Date(res.body.items[0].date).toISOString().slice(0, 10)).not.toBe(sample.day);
    }
    // Around the spring switch (last Sunday of March 2026: midnight still +01:00), and +00:00 from the cut-over.
    const spring = await songAudience('startDate=2026-03-28&endDate=2026-03-31');
    expect(spring.body.items.map((i) => i.date.slice(10))).toEqual([
      'T00:00:00+01:00',
      'T00:00:00+01:00',
      'T00:00:00+02:00',
      'T00:00:00+02:00',
    ]);
    const recent = await songAudience('startDate=2026-11-01&endDate=2026-11-10');
    expect(recent.body.items.every((i) => i.date.endsWith('T00:00:00+00:00'))).toBe(true);
    // Values differ day to day, so a consumer shifting days by one stores different numbers.
    const values = spring.body.items.map((i) => i.plots[0].value);
    expect(new Set(values).size).toBe(values.length);
  });

  it('moves the Paris-offset cut-over with the clock: points older than 120 days keep offsets in any year', async () => {
    const shift = (day: string, days: number) =>
      new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
    const offsetsAround = async (cut: string) => {
      const res = await songAudience(`startDate=${shift(cut, -6)}&endDate=${shift(cut, 6)}`);
      expect(res.body.items.length).toBeGreaterThan(8);
      return res.body.items.map((i) => [dayOf(i.date), i.date.slice(10)]);
    };
    const expected = (items: string[][], cut: string, paris: string) =>
      items.map(([day]) => [day, day < cut ? paris : 'T00:00:00+00:00']);

    const today = new Date(now).toISOString().slice(0, 10);
    expect(known.parisOffsetAgeDays).toBe(120);
    const cut = shift(today, -120); // 2026-07-25: a summer day
    const before = await offsetsAround(cut);
    expect(before).toEqual(expected(before, cut, 'T00:00:00+02:00'));

    // 400 days later the cut-over has moved with the clock: last July's points now carry offsets too, and the
    // days just before the new cut-over do as well (no fixed date after which offsets disappear).
    now += 400 * DAY_MS;
    const later = shift(today, 400);
    const movedCut = shift(later, -120);
    const after = await offsetsAround(movedCut);
    expect(after).toEqual(expected(after, movedCut, 'T00:00:00+02:00'));
    const lastYear = await offsetsAround(cut);
    expect(lastYear.every(([, offset]) => offset === 'T00:00:00+02:00')).toBe(true);
    const winter = await songAudience(`startDate=${shift(later, -330)}&endDate=${shift(later, -325)}`);
    expect(winter.body.items.length).toBeGreaterThan(3);
    expect(winter.body.items.every((i) => i.date.endsWith('T00:00:00+01:00'))).toBe(true);
  });

  it('leaves some days out', async () => {
    const missing = known.missingPoint;
    const res = await songAudience(`startDate=${missing.day}&endDate=${missing.day}`);
    expect(res.body.items).toEqual([]);
    const window = await songAudience('startDate=2025-01-01&endDate=2025-03-31');
    const days = window.body.items.map((i) => dayOf(i.date));
    expect(days.length).toBeLessThan(90);
    expect(days).not.toContain(missing.day);
    expect(days.some((d, i) => i > 0 && daysBetween(days[i - 1], d) > 1)).toBe(true);
    expect(days[0]).toBe('2025-01-01');
  });

  it('lists one plot per Spotify id of a multi-id song, each growing, and filters by identifier', async () => {
    const res = await songAudience('startDate=2026-10-01&endDate=2026-10-31');
    const ids = [...known.multiIdSpotifyTrackIds].sort();
    for (const item of res.body.items) expect(item.plots.map((p) => p.identifier).sort()).toEqual(ids);
    const sums = res.body.items.map((i) => i.plots.reduce((s, p) => s + p.value, 0));
    expect(sums.every((s, i) => i === 0 || s > sums[i - 1])).toBe(true);
    for (const id of ids) {
      const series = res.body.items.map((i) => i.plots.find((p) => p.identifier === id)?.value ?? 0);
      expect(series.every((v, i) => i === 0 || v > series[i - 1])).toBe(true);
    }
    const one = await songAudience(`startDate=2026-10-01&endDate=2026-10-31&identifier=${ids[0]}`);
    expect(one.body.items.every((i) => i.plots.length === 1 && i.plots[0].identifier === ids[0])).toBe(true);
    // The endpoint's expected values are available to tests elsewhere.
    expect(emu.data.songAudience(known.multiIdSongUuid, 'spotify', '2026-10-01', '2026-10-31')).toEqual(
      res.body.items.map((i) => ({ day: dayOf(i.date), date: i.date, plots: i.plots })),
    );
  });

  it('serves data up to the clock’s today, 30 days by default, and more after the clock moves', async () => {
    const defaults = await songAudience('');
    const days = defaults.body.items.map((i) => dayOf(i.date));
    expect(days[days.length - 1] <= '2026-11-22').toBe(true);
    expect(days[0] >= '2026-10-23').toBe(true);
    const future = await songAudience('startDate=2026-11-20&endDate=2026-12-31');
    expect(future.body.items.every((i) => dayOf(i.date) <= '2026-11-22')).toBe(true);
    emu.advanceClock(10 * DAY_MS);
    const later = await songAudience('startDate=2026-11-20&endDate=2026-12-31');
    expect(later.body.items.length).toBeGreaterThan(future.body.items.length);
  });

  it('paginates long windows by 100 at most', async () => {
    const page = await songAudience('startDate=2026-06-01&endDate=2026-08-30&limit=40&offset=40');
    expect(page.body.items).toHaveLength(40);
    expect(page.body.page.next).toContain('offset=80');
    expect(page.body.page.previous).toContain('offset=0');
  });

  it('serves artist followers (followerCount) and monthly listeners (value)', async () => {
    const uuid = known.rueDeVivreArtistUuid;
    const followers = await scGet<
      SoundchartsCollectionJson<SoundchartsArtistAudienceItemJson, SoundchartsArtistSeriesRelatedJson>
    >(emu, `/api/v2/artist/${uuid}/audience/spotify?startDate=2025-01-01&endDate=2025-03-31`);
    expect(followers.body.related).toMatchObject({ platform: 'spotify', artist: { uuid } });
    const first = followers.body.items[0];
    expect(first.followerCount).toBeGreaterThan(100_000);
    expect(first).toMatchObject({ likeCount: null, viewCount: null });
    const later = await scGet<SoundchartsCollectionJson<SoundchartsArtistAudienceItemJson>>(
      emu,
      `/api/v2/artist/${uuid}/audience/spotify?startDate=2026-09-01&endDate=2026-09-30`,
    );
    expect(later.body.items[0].followerCount ?? 0).toBeGreaterThan(first.followerCount ?? 0);
    const listeners = await scGet<SoundchartsCollectionJson<SoundchartsListeningItemJson>>(
      emu,
      `/api/v2/artist/${uuid}/streaming/spotify/listening?startDate=2026-09-01&endDate=2026-09-30`,
    );
    expect(listeners.body.items.length).toBeGreaterThan(20);
    expect(listeners.body.items[0].value).toBeGreaterThan(0);
    const noTiktok = await scGet<SoundchartsCollectionJson<SoundchartsArtistAudienceItemJson>>(
      emu,
      `/api/v2/artist/${known.artistWithoutTiktokUuid}/audience/tiktok`,
    );
    expect(noTiktok.status).toBe(200);
    expect(noTiktok.body.items).toEqual([]);
    expect((await scGet(emu, `/api/v2/artist/${uuid}/audience/friendster`)).status).toBe(400);
  });

  it('serves radio spin counts per radio over the window', async () => {
    const res = await scGet<SoundchartsCollectionJson<SoundchartsBroadcastGroupItemJson>>(
      emu,
      `/api/v2/song/${known.multiIdSongUuid}/broadcast-groups?startDate=2026-08-01&endDate=2026-10-29`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0].radio).toMatchObject({ countryCode: 'FR', timeZone: 'Europe/Paris' });
    expect(res.body.items.every((i) => i.playCount > 0)).toBe(true);
    const tooLong = await scGet(
      emu,
      `/api/v2/song/${known.multiIdSongUuid}/broadcast-groups?startDate=2026-01-01&endDate=2026-10-29`,
    );
    expect(tooLong.status).toBe(400);
  });
});
