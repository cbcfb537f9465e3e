import { MonthRow } from './analytics.repository';
import { toDayModels, toGenreModels, toHeatmapModels, toMonthModels } from './listening.mapper';

const month = (m: string, plays: number, extra: Partial<MonthRow> = {}): MonthRow => ({
  month: m,
  plays,
  msPlayed: plays * 60_000,
  artists: 1,
  popularity: null,
  topArtistId: null,
  topArtistSpotifyId: null,
  topArtistName: null,
  topArtistPlays: null,
  topGenre: null,
  topGenrePlays: null,
  ...extra,
});

describe('listening mappers', () => {
  it('gives a day its time-of-day split, mean hour, weekend flag and genre diversity', () => {
    const [day] = toDayModels([
      {
        date: '2026-03-08',
        plays: 6,
        msPlayed: 6 * 180_000,
        tracks: 5,
        artists: 3,
        popularity: 71.25,
        genrePlays: [3, 3],
        // one play at 01h, two at 08h, one at 13h, 20h and 22h
        hourPlays: [0, 1, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0],
      },
    ]);
    expect(day).toEqual({
      date: '2026-03-08',
      weekday: 7,
      isWeekend: true,
      plays: 6,
      minutes: 18,
      uniqueTracks: 5,
      uniqueArtists: 3,
      uniqueGenres: 2,
      mainstreamScore: 71.3,
      genreDiversity: 1,
      meanListeningHour: 12,
      timeOfDay: { morning: 2, afternoon: 1, evening: 1, night: 2 },
    });
  });

  it('shares genres out of 100 and keeps the top artist the query chose', () => {
    const genres = toGenreModels([
      {
        genre: 'french house',
        plays: 3,
        msPlayed: 0,
        artists: 2,
        popularity: null,
        topArtistId: 'a1',
        topArtistSpotifyId: 's1',
        topArtistName: 'Zed',
        topArtistPlays: 2,
      },
      {
        genre: null,
        plays: 1,
        msPlayed: 0,
        artists: 1,
        popularity: 20,
        topArtistId: null,
        topArtistSpotifyId: null,
        topArtistName: null,
        topArtistPlays: null,
      },
    ]);
    expect(genres.map((g) => g.sharePercent)).toEqual([75, 25]);
    expect(genres[0].topArtist).toEqual({ id: 'a1', spotifyId: 's1', name: 'Zed', plays: 2 });
    expect(genres[1].topArtist).toBeNull();
  });

  it('lists the twelve months with growth against the month before, December of last year included', () => {
    const months = toMonthModels(2026, [
      month('2025-12-01', 40),
      month('2026-01-01', 50, { popularity: 75 }),
      month('2026-02-01', 25, { popularity: 30 }),
      month('2026-04-01', 10),
    ]);
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
    );
    expect(months.slice(0, 5).map((m) => [m.plays, m.playsGrowthRate])).toEqual([
      [50, 0.25],
      [25, -0.5],
      [0, -1],
      [10, null],
      [0, -1],
    ]);
    expect(months[0].mainstreamTendency).toBe('MAINSTREAM');
    expect(months[1].mainstreamTendency).toBe('NICHE');
    expect(months[3].mainstreamTendency).toBeNull();
  });

  it('fills all 168 heatmap cells', () => {
    const cells = toHeatmapModels([{ weekday: 7, hour: 23, plays: 4, msPlayed: 120_000 }]);
    expect(cells).toHaveLength(168);
    expect(cells[0]).toEqual({ weekday: 1, hour: 0, plays: 0, minutes: 0 });
    expect(cells[167]).toEqual({ weekday: 7, hour: 23, plays: 4, minutes: 2 });
  });
});
