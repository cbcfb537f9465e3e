import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NO_ARTIST } from './entities/listening-summary.entities';
import { splitIntoMonths } from './time-buckets';

export interface DayRow {
  date: string;
  plays: number;
  msPlayed: number;
  tracks: number;
  artists: number;
  /** Play-weighted mean popularity of the lead artists whose popularity is known. */
  popularity: number | null;
  /** Plays per primary genre (genres known only). */
  genrePlays: number[];
  /** Plays in each local hour, 0..23. */
  hourPlays: number[];
}

/** The month summary: from listening_monthly_artist and artist_profile, for the months `months` selects. */
const MONTHLY_SUMMARY_INSERT = (months: string) => `
  WITH m AS MATERIALIZED (
    SELECT m.month, m.artist_id, m.plays, m.ms_played, a.genres[1] AS genre, a.popularity
    FROM listening_monthly_artist m LEFT JOIN artist_profile a ON a.artist_id = m.artist_id
    WHERE m.listener_id = $1 ${months}
  ), totals AS (
    SELECT month, sum(plays) AS plays, sum(ms_played) AS ms_played,
      count(*) FILTER (WHERE artist_id <> ${NONE}) AS artists,
      COALESCE(sum(plays * popularity), 0) AS popularity_sum,
      COALESCE(sum(plays) FILTER (WHERE popularity IS NOT NULL), 0) AS popularity_plays
    FROM m GROUP BY month
  ), top_artist AS (
    SELECT DISTINCT ON (month) month, artist_id, plays
    FROM m WHERE artist_id <> ${NONE}
    ORDER BY month, plays DESC, ms_played DESC, artist_id
  ), top_genre AS (
    SELECT DISTINCT ON (month) month, genre, plays
    FROM (SELECT month, genre, sum(plays)::int AS plays, sum(ms_played) AS ms_played
          FROM m WHERE genre IS NOT NULL GROUP BY 1, 2) g
    ORDER BY month, plays DESC, ms_played DESC, genre
  ), rows AS (
    INSERT INTO listening_monthly_summary (listener_id, month, plays, ms_played, artists, popularity_sum,
      popularity_plays, top_artist_id, top_artist_plays, top_genre, top_genre_plays)
    SELECT $1, t.month, t.plays, t.ms_played, t.artists, t.popularity_sum, t.popularity_plays, ta.artist_id,
      ta.plays, tg.genre, tg.plays
    FROM totals t LEFT JOIN top_artist ta USING (month) LEFT JOIN top_genre tg USING (month)
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM rows`;

/** Plays in each local hour 0..23 of a day, as one array. */
const HOUR_SUMS = Array.from(
  { length: 24 },
  (_, hour) => `COALESCE(sum(plays) FILTER (WHERE local_hour = ${hour}), 0)::int`,
).join(', ');

/** The day summary: from listening_daily_artist, listening_daily_hour and artist_profile, for the days `days` selects. */
const DAILY_SUMMARY_INSERT = (days: string) => `
  WITH d AS MATERIALIZED (
    SELECT d.local_date, d.artist_id, d.plays, d.ms_played, d.tracks, a.popularity, a.genres[1] AS genre
    FROM listening_daily_artist d LEFT JOIN artist_profile a ON a.artist_id = d.artist_id
    WHERE d.listener_id = $1 ${days}
  ), totals AS (
    SELECT local_date, sum(plays) AS plays, sum(ms_played) AS ms_played, sum(tracks) AS tracks,
      count(*) FILTER (WHERE artist_id <> ${NONE}) AS artists,
      COALESCE(sum(plays * popularity), 0) AS popularity_sum,
      COALESCE(sum(plays) FILTER (WHERE popularity IS NOT NULL), 0) AS popularity_plays
    FROM d GROUP BY local_date
  ), genres AS (
    SELECT local_date, array_agg(plays ORDER BY plays DESC) AS genre_plays
    FROM (SELECT local_date, genre, sum(plays)::int AS plays FROM d WHERE genre IS NOT NULL GROUP BY 1, 2) x
    GROUP BY local_date
  ), hours AS (
    SELECT local_date, ARRAY[${HOUR_SUMS}] AS hour_plays
    FROM listening_daily_hour WHERE listener_id = $1 ${days}
    GROUP BY local_date
  ), rows AS (
    INSERT INTO listening_daily_summary (listener_id, local_date, plays, ms_played, tracks, artists, genre_plays,
      hour_plays, popularity_sum, popularity_plays)
    SELECT $1, t.local_date, t.plays, t.ms_played, t.tracks, t.artists, COALESCE(g.genre_plays, '{}'),
      h.hour_plays, t.popularity_sum, t.popularity_plays
    FROM totals t LEFT JOIN genres g USING (local_date) JOIN hours h USING (local_date)
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM rows`;

export interface GenreRow {
  genre: string | null;
  plays: number;
  msPlayed: number;
  artists: number;
  popularity: number | null;
  topArtistId: string | null;
  topArtistSpotifyId: string | null;
  topArtistName: string | null;
  topArtistPlays: number | null;
}

export interface MonthRow {
  month: string;
  plays: number;
  msPlayed: number;
  artists: number;
  popularity: number | null;
  topArtistId: string | null;
  topArtistSpotifyId: string | null;
  topArtistName: string | null;
  topArtistPlays: number | null;
  topGenre: string | null;
  topGenrePlays: number | null;
}

export interface HeatmapRow {
  weekday: number;
  hour: number;
  plays: number;
  msPlayed: number;
}

// The lead artist's first genre is the play's genre; its popularity is the play's "mainstream" value. The genre
// query reads both from artist_profile at query time; the day and month summaries keep them (see resummarize).
// Ranking ties: most plays, then most time, then the artist id: never the name.

const NONE = `'${NO_ARTIST}'::uuid`;

/** Local days (in the listener's zone) whose summaries an ingestion must rebuild; null: all of them. */
export interface TouchedRange {
  fromMs: number;
  toMs: number;
}

export function mergeRange(a: TouchedRange | null, b: TouchedRange | null): TouchedRange | null {
  if (!a) return b;
  if (!b) return a;
  return { fromMs: Math.min(a.fromMs, b.fromMs), toMs: Math.max(a.toMs, b.toMs) };
}

/** Rows rebuilt above which the planner's statistics are refreshed at once (autovacuum would take a while). */
const ANALYZE_AFTER_ROWS = 20_000;

/**
 * All SQL on the summaries (listening_daily_artist, listening_daily_hour, listening_monthly_artist,
 * listening_daily_summary, listening_monthly_summary): rebuilt from listening_play for the local days (and their
 * months) an ingestion touched, and read for one listener and a range.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rebuilds one listener's summaries for the local days between two instants (both included), or all of them.
   * Serialised per listener (advisory lock), so a poll and an import finishing together cannot interleave.
   * Returns the summary rows written.
   */
  async refresh(listenerId: string, range: TouchedRange | null): Promise<number> {
    const written = await this.dataSource.transaction(async (m) => {
      await this.lockListener(m, listenerId);
      const [listener] = await m.query<{ tz: string; d1: string | null; d2: string | null }[]>(
        `SELECT time_zone AS tz,
           to_char(($2::timestamptz AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS d1,
           to_char(($3::timestamptz AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS d2
         FROM listener WHERE id = $1`,
        [
          listenerId,
          range ? new Date(range.fromMs).toISOString() : null,
          range ? new Date(range.toMs).toISOString() : null,
        ],
      );
      if (!listener) return 0;
      const { tz, d1, d2 } = listener;
      const days = range ? `AND local_date BETWEEN $2::date AND $3::date` : '';
      const months = range
        ? `AND month BETWEEN date_trunc('month', $2::date)::date AND date_trunc('month', $3::date)::date`
        : '';
      const monthDays = range
        ? `AND local_date >= date_trunc('month', $2::date)::date
           AND local_date < (date_trunc('month', $3::date) + interval '1 month')::date`
        : '';
      // the instants of those local days, so the index on (listener_id, played_at) bounds the scan
      const instants = range
        ? `AND p.played_at >= ($2::date::timestamp AT TIME ZONE $4)
           AND p.played_at < (($3::date + 1)::timestamp AT TIME ZONE $4)`
        : '';
      const tzParam = range ? '$4' : '$2';
      const dayParams = range ? [listenerId, d1, d2] : [listenerId];
      const playParams = range ? [listenerId, d1, d2, tz] : [listenerId, tz];
      await m.query(`DELETE FROM listening_daily_artist WHERE listener_id = $1 ${days}`, dayParams);
      await m.query(`DELETE FROM listening_daily_hour WHERE listener_id = $1 ${days}`, dayParams);
      await m.query(`DELETE FROM listening_monthly_artist WHERE listener_id = $1 ${months}`, dayParams);
      await m.query(`DELETE FROM listening_daily_summary WHERE listener_id = $1 ${days}`, dayParams);
      await m.query(`DELETE FROM listening_monthly_summary WHERE listener_id = $1 ${months}`, dayParams);
      const [artists] = await m.query<{ n: number }[]>(
        `WITH rows AS (
           INSERT INTO listening_daily_artist (listener_id, local_date, artist_id, plays, ms_played, tracks)
           SELECT $1, (p.played_at AT TIME ZONE ${tzParam})::date, COALESCE(ta.artist_id, ${NONE}),
             count(*), sum(p.ms_played), count(DISTINCT p.track_id)
           FROM listening_play p
           LEFT JOIN track_artist ta ON ta.track_id = p.track_id AND ta.position = 0
           WHERE p.listener_id = $1 ${instants}
           GROUP BY 2, 3
           RETURNING 1
         ) SELECT count(*)::int AS n FROM rows`,
        playParams,
      );
      const [hours] = await m.query<{ n: number }[]>(
        `WITH rows AS (
           INSERT INTO listening_daily_hour (listener_id, local_date, local_hour, plays, ms_played)
           SELECT $1, local::date, extract(hour FROM local), count(*), sum(ms_played)
           FROM (SELECT p.played_at AT TIME ZONE ${tzParam} AS local, p.ms_played
                 FROM listening_play p WHERE p.listener_id = $1 ${instants}) p
           GROUP BY 2, 3
           RETURNING 1
         ) SELECT count(*)::int AS n FROM rows`,
        playParams,
      );
      // the statements below read what was just written: the planner must know its size
      if (artists.n + hours.n > ANALYZE_AFTER_ROWS)
        await m.query('ANALYZE listening_daily_artist, listening_daily_hour');
      const [monthly] = await m.query<{ n: number }[]>(
        `WITH rows AS (
           INSERT INTO listening_monthly_artist (listener_id, month, artist_id, plays, ms_played)
           SELECT $1, date_trunc('month', local_date)::date, artist_id, sum(plays), sum(ms_played)
           FROM listening_daily_artist
           WHERE listener_id = $1 ${monthDays}
           GROUP BY 2, 3
           RETURNING 1
         ) SELECT count(*)::int AS n FROM rows`,
        dayParams,
      );
      if (monthly.n > ANALYZE_AFTER_ROWS) await m.query('ANALYZE listening_monthly_artist');
      const [summary] = await m.query<{ n: number }[]>(DAILY_SUMMARY_INSERT(days), dayParams);
      const [monthSummary] = await m.query<{ n: number }[]>(MONTHLY_SUMMARY_INSERT(months), dayParams);
      return artists.n + hours.n + monthly.n + summary.n + monthSummary.n;
    });
    if (written > ANALYZE_AFTER_ROWS) {
      await this.dataSource.query('ANALYZE listening_daily_summary, listening_monthly_summary');
    }
    return written;
  }

  /**
   * Summarises every day of a listener again from listening_daily_artist, with the genres and popularity artists
   * have now (after artist enrichment); reads no plays. Returns the days written.
   */
  async resummarize(listenerId: string): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await this.lockListener(m, listenerId);
      await m.query(`DELETE FROM listening_daily_summary WHERE listener_id = $1`, [listenerId]);
      await m.query(`DELETE FROM listening_monthly_summary WHERE listener_id = $1`, [listenerId]);
      const [days] = await m.query<{ n: number }[]>(DAILY_SUMMARY_INSERT(''), [listenerId]);
      const [months] = await m.query<{ n: number }[]>(MONTHLY_SUMMARY_INSERT(''), [listenerId]);
      return days.n + months.n;
    });
  }

  /** One rebuild of a listener's summaries at a time (a poll and an import may finish together). */
  private async lockListener(m: EntityManager, listenerId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('listening-summaries'), hashtext($1))`, [
      listenerId,
    ]);
    // distinct counts sort: a whole history's worth would spill to disk with the default 4 MB
    await m.query(`SET LOCAL work_mem = '64MB'`);
  }

  days(listenerId: string, from: string, to: string): Promise<DayRow[]> {
    return this.dataSource.query(
      `SELECT to_char(local_date, 'YYYY-MM-DD') AS date, plays, ms_played::float8 AS "msPlayed", tracks, artists,
         popularity_sum::float8 / nullif(popularity_plays, 0) AS popularity, genre_plays AS "genrePlays",
         hour_plays AS "hourPlays"
       FROM listening_daily_summary
       WHERE listener_id = $1 AND local_date BETWEEN $2::date AND $3::date
       ORDER BY local_date`,
      [listenerId, from, to],
    );
  }

  /** Per-artist plays come from month rows for the whole months of the range and day rows for its ends. */
  genres(listenerId: string, from: string, to: string): Promise<GenreRow[]> {
    const { months, days } = splitIntoMonths(from, to);
    return this.dataSource.query(
      `WITH source AS (
         SELECT artist_id, plays, ms_played FROM listening_monthly_artist
         WHERE listener_id = $1 AND $2::date IS NOT NULL AND month BETWEEN $2::date AND $3::date
         UNION ALL
         SELECT artist_id, plays, ms_played FROM listening_daily_artist
         WHERE listener_id = $1 AND (local_date BETWEEN $4::date AND $5::date OR local_date BETWEEN $6::date AND $7::date)
       ), per_artist AS (
         SELECT artist_id, sum(plays)::int AS plays, sum(ms_played)::bigint AS ms_played
         FROM source GROUP BY artist_id
       ), ranked AS (
         SELECT p.*, a.genres[1] AS genre, a.popularity, a.spotify_id, a.name,
           row_number() OVER (PARTITION BY a.genres[1]
             ORDER BY (p.artist_id = ${NONE}), p.plays DESC, p.ms_played DESC, p.artist_id) AS rank
         FROM per_artist p LEFT JOIN artist_profile a ON a.artist_id = p.artist_id
       )
       SELECT genre, sum(plays)::int AS plays, sum(ms_played)::float8 AS "msPlayed",
         count(*) FILTER (WHERE artist_id <> ${NONE})::int AS artists,
         sum(plays * popularity)::float8 / nullif(sum(plays) FILTER (WHERE popularity IS NOT NULL), 0)
           AS popularity,
         min(artist_id::text) FILTER (WHERE rank = 1 AND artist_id <> ${NONE}) AS "topArtistId",
         min(spotify_id) FILTER (WHERE rank = 1) AS "topArtistSpotifyId",
         min(name) FILTER (WHERE rank = 1) AS "topArtistName",
         min(plays) FILTER (WHERE rank = 1 AND artist_id <> ${NONE}) AS "topArtistPlays"
       FROM ranked GROUP BY genre ORDER BY plays DESC, genre NULLS LAST`,
      [
        listenerId,
        months?.[0] ?? null,
        months?.[1] ?? null,
        days[0]?.[0] ?? null,
        days[0]?.[1] ?? null,
        days[1]?.[0] ?? null,
        days[1]?.[1] ?? null,
      ],
    );
  }

  /** Months `from`..`to` (first days of months) from the month summaries; the top artist's name is read live. */
  months(listenerId: string, from: string, to: string): Promise<MonthRow[]> {
    return this.dataSource.query(
      `SELECT to_char(s.month, 'YYYY-MM-DD') AS month, s.plays, s.ms_played::float8 AS "msPlayed", s.artists,
         s.popularity_sum::float8 / nullif(s.popularity_plays, 0) AS popularity,
         s.top_artist_id::text AS "topArtistId", a.spotify_id AS "topArtistSpotifyId", a.name AS "topArtistName",
         s.top_artist_plays AS "topArtistPlays", s.top_genre AS "topGenre", s.top_genre_plays AS "topGenrePlays"
       FROM listening_monthly_summary s LEFT JOIN artist_profile a ON a.artist_id = s.top_artist_id
       WHERE s.listener_id = $1 AND s.month BETWEEN $2::date AND $3::date
       ORDER BY s.month`,
      [listenerId, from, to],
    );
  }

  heatmap(listenerId: string, from: string, to: string): Promise<HeatmapRow[]> {
    return this.dataSource.query(
      `SELECT extract(isodow FROM local_date)::int AS weekday, local_hour AS hour, sum(plays)::int AS plays,
         sum(ms_played)::float8 AS "msPlayed"
       FROM listening_daily_hour
       WHERE listener_id = $1 AND local_date BETWEEN $2::date AND $3::date
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [listenerId, from, to],
    );
  }
}
