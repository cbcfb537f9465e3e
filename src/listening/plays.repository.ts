import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PlaySource } from './history-record';

export interface NewPlay {
  playedAt: Date;
  trackId: string;
  msPlayed: number;
  source: PlaySource;
  skipped: boolean | null;
  reasonEnd: string | null;
}

export interface NewEpisodePlay {
  playedAt: Date;
  episodeKey: string;
  episodeName: string | null;
  showName: string | null;
  msPlayed: number;
  source: PlaySource;
}

export interface TrackMatchRow {
  artistKey: string;
  titleKey: string;
  outcome: string;
  trackId: string | null;
  spotifyTrackId: string | null;
  score: number | null;
}

/** Rows per statement: each column is one array parameter, so this bounds memory, not parameters. */
const CHUNK = 10_000;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * All SQL on plays, episode plays and the module's track references. Set-based: one statement per chunk of rows
 * (UNNEST of one array per column), plays unique per (listener, played_at, track) with ON CONFLICT DO NOTHING.
 */
@Injectable()
export class PlaysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts the plays that are new; returns how many were. A play already stored from another source is the same
   * play and is not added again (see SAME_PLAY_SLACK_MS and the predicates below): the account-data export has minute
   * precision (the end of the stream, truncated or rounded) where the extended history has seconds, and recently
   * played stamps a play at its end or its start where the extended history has its end.
   */
  async insertPlays(listenerId: string, plays: readonly NewPlay[]): Promise<number> {
    let inserted = 0;
    const of = (source: PlaySource) => plays.filter((p) => p.source === source);
    const batches = [
      ...chunks(of(PlaySource.EXTENDED_HISTORY)).map((rows) => ({
        rows,
        elsewhere: [IN_ACCOUNT_DATA, IN_RECENTLY_PLAYED],
      })),
      ...chunks(of(PlaySource.RECENTLY_PLAYED)).map((rows) => ({
        rows,
        elsewhere: [IN_ACCOUNT_DATA, IN_EXTENDED_HISTORY],
      })),
      ...chunks(of(PlaySource.ACCOUNT_DATA)).map((rows) => ({ rows, elsewhere: [IN_FINER_SOURCE] })),
    ];
    if (batches.length === 0) return 0;
    // No wait for the WAL flush: whoever records progress next (a checkpoint, the poll cursor) commits
    // synchronously, which flushes these commits too; a crash before that loses only work that is redone.
    await this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit = off');
      for (const { rows, elsewhere } of batches)
        inserted += await this.insertChunk(m, listenerId, rows, elsewhere);
    });
    return inserted;
  }

  private async insertChunk(
    m: EntityManager,
    listenerId: string,
    rows: NewPlay[],
    sameElsewhere: readonly string[],
  ): Promise<number> {
    // one NOT EXISTS per other source: each literal `p.source = ...` lets the planner use that source's index
    const notElsewhere = sameElsewhere
      .map(
        (
          same,
        ) => `NOT EXISTS (SELECT 1 FROM listening_play p WHERE p.listener_id = $1 AND p.track_id = u.track_id
           AND ${same})`,
      )
      .join(' AND ');
    const [{ n }] = await m.query<{ n: number }[]>(
      `WITH input AS (
         SELECT to_timestamp(ms / 1000.0) AS played_at, track_id, ms_played, source, skipped, reason_end
         FROM unnest($2::int8[], $3::uuid[], $4::int[], $5::text[], $6::boolean[], $7::text[])
           AS u(ms, track_id, ms_played, source, skipped, reason_end)
       ), inserted AS (
         INSERT INTO listening_play (listener_id, played_at, track_id, ms_played, source, skipped, reason_end)
         SELECT $1, u.played_at, u.track_id, u.ms_played, u.source, u.skipped, u.reason_end FROM input u
         WHERE ${notElsewhere}
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM inserted`,
      [
        listenerId,
        // epoch milliseconds: an array of integers is parsed far faster than one of timestamps
        rows.map((r) => r.playedAt.getTime()),
        rows.map((r) => r.trackId),
        rows.map((r) => r.msPlayed),
        rows.map((r) => r.source),
        rows.map((r) => r.skipped),
        rows.map((r) => r.reasonEnd),
      ],
    );
    return n;
  }

  /**
   * Inserts the episode plays that are new; returns how many were. The extended history knows an episode by its URI,
   * the account data by show and title, to the minute: an episode play of the other format with the same show and
   * title (case-folded) within that minute is the same play, as for tracks.
   */
  async insertEpisodes(listenerId: string, plays: readonly NewEpisodePlay[]): Promise<number> {
    let inserted = 0;
    const coarse = plays.filter((p) => p.source === PlaySource.ACCOUNT_DATA);
    const fine = plays.filter((p) => p.source !== PlaySource.ACCOUNT_DATA);
    const batches = [
      ...chunks(fine).map((rows) => ({ rows, same: EPISODE_IN_ACCOUNT_DATA })),
      ...chunks(coarse).map((rows) => ({ rows, same: EPISODE_IN_FINER_SOURCE })),
    ];
    for (const { rows, same } of batches) {
      const [{ n }] = await this.dataSource.query<{ n: number }[]>(
        `WITH inserted AS (
           INSERT INTO listening_episode_play (listener_id, played_at, episode_key, episode_name, show_name,
             ms_played, source)
           SELECT $1, u.* FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
             AS u(played_at, episode_key, episode_name, show_name, ms_played, source)
           WHERE NOT EXISTS (SELECT 1 FROM listening_episode_play p WHERE p.listener_id = $1
             AND lower(COALESCE(p.show_name, '')) = lower(COALESCE(u.show_name, ''))
             AND lower(COALESCE(p.episode_name, '')) = lower(COALESCE(u.episode_name, ''))
             AND ${same})
           ON CONFLICT DO NOTHING
           RETURNING 1
         )
         SELECT count(*)::int AS n FROM inserted`,
        [
          listenerId,
          rows.map((r) => r.playedAt.toISOString()),
          rows.map((r) => r.episodeKey),
          rows.map((r) => r.episodeName),
          rows.map((r) => r.showName),
          rows.map((r) => r.msPlayed),
          rows.map((r) => r.source),
        ],
      );
      inserted += n;
    }
    return inserted;
  }

  /** Track ids of Spotify ids already handed to the music module. */
  async knownTracks(spotifyIds: readonly string[]): Promise<Map<string, string>> {
    if (spotifyIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ spotify_track_id: string; track_id: string }[]>(
      `SELECT spotify_track_id, track_id FROM listening_track WHERE spotify_track_id = ANY($1::text[])`,
      [spotifyIds],
    );
    return new Map(rows.map((r) => [r.spotify_track_id, r.track_id]));
  }

  async rememberTracks(tracks: ReadonlyMap<string, string>): Promise<void> {
    if (tracks.size === 0) return;
    await this.dataSource.query(
      `INSERT INTO listening_track (spotify_track_id, track_id)
       SELECT * FROM unnest($1::text[], $2::uuid[])
       ON CONFLICT (spotify_track_id) DO UPDATE SET track_id = EXCLUDED.track_id`,
      [[...tracks.keys()], [...tracks.values()]],
    );
  }

  /** Which of these Spotify artist ids the music module already has (read through `artist_profile`). */
  async knownArtistSpotifyIds(spotifyIds: readonly string[]): Promise<Set<string>> {
    if (spotifyIds.length === 0) return new Set();
    const rows = await this.dataSource.query<{ spotify_id: string }[]>(
      `SELECT spotify_id FROM artist_profile WHERE spotify_id = ANY($1::text[])`,
      [spotifyIds],
    );
    return new Set(rows.map((r) => r.spotify_id));
  }

  /**
   * What earlier searches found for these keys: every match, and the misses (no track) younger than `missTtlDays`;
   * an older miss is left out, so it is searched again (Spotify's catalogue and the matcher change).
   */
  async matches(
    keys: readonly { artistKey: string; titleKey: string }[],
    missTtlDays: number,
  ): Promise<TrackMatchRow[]> {
    if (keys.length === 0) return [];
    return this.dataSource.query(
      `SELECT m.artist_key AS "artistKey", m.title_key AS "titleKey", m.outcome, m.track_id AS "trackId",
         m.spotify_track_id AS "spotifyTrackId", m.score
       FROM listening_track_match m
       JOIN unnest($1::text[], $2::text[]) AS k(artist_key, title_key) USING (artist_key, title_key)
       WHERE m.track_id IS NOT NULL OR m.matched_at > now() - make_interval(days => $3)`,
      [keys.map((k) => k.artistKey), keys.map((k) => k.titleKey), missTtlDays],
    );
  }

  async saveMatches(rows: readonly TrackMatchRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO listening_track_match (artist_key, title_key, outcome, track_id, spotify_track_id, score)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::float8[])
       ON CONFLICT (artist_key, title_key) DO UPDATE SET outcome = EXCLUDED.outcome,
         track_id = EXCLUDED.track_id, spotify_track_id = EXCLUDED.spotify_track_id, score = EXCLUDED.score,
         matched_at = now()`,
      [
        rows.map((r) => r.artistKey),
        rows.map((r) => r.titleKey),
        rows.map((r) => r.outcome),
        rows.map((r) => r.trackId),
        rows.map((r) => r.spotifyTrackId),
        rows.map((r) => r.score),
      ],
    );
  }

  /** Plays and episode plays stored for a listener (reports, tests). */
  async counts(listenerId: string): Promise<{ plays: number; episodes: number }> {
    const [row] = await this.dataSource.query<{ plays: number; episodes: number }[]>(
      `SELECT (SELECT count(*)::int FROM listening_play WHERE listener_id = $1) AS plays,
              (SELECT count(*)::int FROM listening_episode_play WHERE listener_id = $1) AS episodes`,
      [listenerId],
    );
    return row;
  }
}

/**
 * How far apart a recently-played `played_at` may fall outside the span of an extended-history play and still be
 * that play. The extended history's `ts` is when the stream ended, to the second. Spotify documents `played_at` only
 * as "the date and time the track was played" (an ISO date-time, nothing more); a play is listed once it has ended,
 * and users observe its end on most clients and its start on some (spotify/web-api#613, #1083). So a
 * recently-played play of the same track is the extended play when its `played_at` lies in [`ts` − `ms_played`,
 * `ts`] give or take this slack: `ts` truncated to the second, and two logging paths' clocks a few seconds apart.
 * It stays well under half of the shortest play recently played reports (30 s), so the stamps of two different plays
 * of one track can never fall in one window: two plays of a track cannot overlap.
 */
export const SAME_PLAY_SLACK_MS = 10_000;
const SLACK = `${SAME_PLAY_SLACK_MS} * interval '1 millisecond'`;
/** Bounds the index scan of a recently-played play for extended plays: a play lasts about its track (its ms_played). */
const LONGEST_SPAN = `(GREATEST(u.ms_played, 3600000) + ${SAME_PLAY_SLACK_MS}) * interval '1 millisecond'`;

// Predicates on a stored play `p` of the same listener and track as an input row `u` (the literal source lets the
// planner use that source's partial index, or the primary key's (listener_id, played_at) for the extended history).

/** The account data (minute precision, either rounding) has this fine-grained play. */
const IN_ACCOUNT_DATA = `p.source = '${PlaySource.ACCOUNT_DATA}'
  AND p.played_at IN (date_trunc('minute', u.played_at), date_trunc('minute', u.played_at) + interval '1 minute')`;
/** An account-data play (a minute) already stored from a finer source within a minute either side. */
const IN_FINER_SOURCE = `p.source <> '${PlaySource.ACCOUNT_DATA}'
  AND p.played_at > u.played_at - interval '1 minute' AND p.played_at < u.played_at + interval '1 minute'`;
/** An extended-history play (`u`, stamped at its end) was polled from recently played (stamped at its end or start). */
const IN_RECENTLY_PLAYED = `p.source = '${PlaySource.RECENTLY_PLAYED}'
  AND p.played_at >= u.played_at - u.ms_played * interval '1 millisecond' - ${SLACK}
  AND p.played_at <= u.played_at + ${SLACK}`;
/** The same rule seen from a recently-played play `u`: an extended play whose span (± slack) holds its stamp. */
const IN_EXTENDED_HISTORY = `p.source = '${PlaySource.EXTENDED_HISTORY}'
  AND p.played_at >= u.played_at - ${SLACK} AND p.played_at <= u.played_at + ${LONGEST_SPAN}
  AND p.played_at - p.ms_played * interval '1 millisecond' - ${SLACK} <= u.played_at`;

/** An episode play (seconds) already stored from the account data, in its minute (either rounding). */
const EPISODE_IN_ACCOUNT_DATA = `p.source = '${PlaySource.ACCOUNT_DATA}'
  AND p.played_at IN (date_trunc('minute', u.played_at), date_trunc('minute', u.played_at) + interval '1 minute')`;
/** An account-data episode play already stored from the extended history within a minute either side. */
const EPISODE_IN_FINER_SOURCE = `p.source <> '${PlaySource.ACCOUNT_DATA}'
  AND p.played_at > u.played_at - interval '1 minute' AND p.played_at < u.played_at + interval '1 minute'`;
