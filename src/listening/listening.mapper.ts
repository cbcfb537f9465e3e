// Pure mappers: listener rows and summary rows → GraphQL models (the formulas live in listening-stats.ts).
import { DayRow, GenreRow, HeatmapRow, MonthRow } from './analytics.repository';
import { ListenerEntity } from './entities/listener.entity';
import { growthRate, mainstreamTendency, normalizedShannonEntropy, round } from './listening-stats';
import {
  ListeningArtistModel,
  ListeningDayModel,
  ListeningGenreModel,
  ListeningHeatmapCellModel,
  ListeningMonthModel,
  MainstreamTendencyEnum,
  TimeOfDayPlaysModel,
} from './models/listening-analytics.model';
import { ListenerModel, ListenerStatus } from './models/listener.model';
import { isoWeekdayOf, isWeekend, timeOfDay } from './time-buckets';

/** Spotify ends refresh tokens six months after consent; the emulator says 182 days. */
const REFRESH_TOKEN_LIFETIME_MS = 182 * 24 * 3600_000;

export function listenerStatus(
  l: Pick<ListenerEntity, 'refreshTokenSealed' | 'needsReauth'>,
): ListenerStatus {
  if (l.needsReauth) return ListenerStatus.NEEDS_REAUTH;
  return l.refreshTokenSealed ? ListenerStatus.CONNECTED : ListenerStatus.DISCONNECTED;
}

export const toListenerModel = (l: ListenerEntity): ListenerModel => ({
  id: l.id,
  spotifyUserId: l.spotifyUserId,
  displayName: l.displayName,
  timeZone: l.timeZone,
  status: listenerStatus(l),
  needsReauth: l.needsReauth,
  reauthReason: l.reauthReason,
  authorizedAt: l.authorizedAt,
  reauthDueAt:
    l.authorizedAt && l.refreshTokenSealed
      ? new Date(l.authorizedAt.getTime() + REFRESH_TOKEN_LIFETIME_MS)
      : null,
  disconnectedAt: l.disconnectedAt,
  lastPolledAt: l.lastPolledAt,
  lastPollError: l.lastPollError,
  lastPlayedAt: l.pollCursorMs !== null ? new Date(Number(l.pollCursorMs)) : null,
  createdAt: l.createdAt,
});

const minutes = (ms: number) => round(ms / 60_000, 1);

const artistRef = (
  id: string | null,
  spotifyId: string | null,
  name: string | null,
  plays: number | null,
): ListeningArtistModel | null =>
  id === null ? null : { id, spotifyId, name: name ?? '(unknown artist)', plays: plays ?? 0 };

/** Days with plays: time of day and mean hour from the day's plays per local hour. */
export function toDayModels(days: readonly DayRow[]): ListeningDayModel[] {
  return days.map((d) => {
    const tod: TimeOfDayPlaysModel = { morning: 0, afternoon: 0, evening: 0, night: 0 };
    let hourSum = 0;
    let hourPlays = 0;
    d.hourPlays.forEach((plays, hour) => {
      switch (timeOfDay(hour)) {
        case 'MORNING':
          tod.morning += plays;
          break;
        case 'AFTERNOON':
          tod.afternoon += plays;
          break;
        case 'EVENING':
          tod.evening += plays;
          break;
        case 'NIGHT':
          tod.night += plays;
          break;
      }
      hourSum += hour * plays;
      hourPlays += plays;
    });
    const weekday = isoWeekdayOf(d.date);
    return {
      date: d.date,
      weekday,
      isWeekend: isWeekend(weekday),
      plays: d.plays,
      minutes: minutes(d.msPlayed),
      uniqueTracks: d.tracks,
      uniqueArtists: d.artists,
      uniqueGenres: d.genrePlays.length,
      mainstreamScore: d.popularity === null ? null : round(d.popularity, 1),
      genreDiversity: normalizedShannonEntropy(d.genrePlays),
      meanListeningHour: hourPlays === 0 ? 0 : round(hourSum / hourPlays, 2),
      timeOfDay: tod,
    };
  });
}

export function toGenreModels(rows: readonly GenreRow[]): ListeningGenreModel[] {
  const total = rows.reduce((sum, r) => sum + r.plays, 0);
  return rows.map((r) => ({
    genre: r.genre,
    plays: r.plays,
    minutes: minutes(r.msPlayed),
    sharePercent: total === 0 ? 0 : round((100 * r.plays) / total, 1),
    artists: r.artists,
    topArtist: artistRef(r.topArtistId, r.topArtistSpotifyId, r.topArtistName, r.topArtistPlays),
    meanArtistPopularity: r.popularity === null ? null : round(r.popularity, 1),
  }));
}

/**
 * The twelve months of `year` (months without plays included, with 0), each compared with the month before; `rows`
 * may include December of the year before.
 */
export function toMonthModels(year: number, rows: readonly MonthRow[]): ListeningMonthModel[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const monthKey = (y: number, m: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
  return Array.from({ length: 12 }, (_, i) => {
    const key = monthKey(year, i + 1);
    const previous = i === 0 ? monthKey(year - 1, 12) : monthKey(year, i);
    const r = byMonth.get(key);
    const plays = r?.plays ?? 0;
    const score = r?.popularity ?? null;
    const tendency = mainstreamTendency(score);
    return {
      month: key,
      plays,
      minutes: minutes(r?.msPlayed ?? 0),
      uniqueArtists: r?.artists ?? 0,
      topArtist: r ? artistRef(r.topArtistId, r.topArtistSpotifyId, r.topArtistName, r.topArtistPlays) : null,
      topGenre: r?.topGenre ?? null,
      playsGrowthRate: growthRate(plays, byMonth.get(previous)?.plays ?? 0),
      mainstreamScore: score === null ? null : round(score, 1),
      mainstreamTendency: tendency === null ? null : MainstreamTendencyEnum[tendency],
    };
  });
}

/** All 7 × 24 cells, Monday 00h first; cells without plays are 0. */
export function toHeatmapModels(rows: readonly HeatmapRow[]): ListeningHeatmapCellModel[] {
  const byCell = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r]));
  const cells: ListeningHeatmapCellModel[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const r = byCell.get(`${weekday}:${hour}`);
      cells.push({ weekday, hour, plays: r?.plays ?? 0, minutes: minutes(r?.msPlayed ?? 0) });
    }
  }
  return cells;
}
