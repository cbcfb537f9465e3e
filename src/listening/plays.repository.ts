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
   * Inserts the plays that are new; returns how many were. The account-data export has minute precision (the
   * end of the stream, truncated or rounded) where the extended history has seconds: a play already stored from
   * the other format (same track, within that minute) is the same play and is not added again.
   */
  async insertPlays(listenerId: string, plays: readonly NewPlay[]): Promise<number> {
    let inserted = 0;
    const coarse = plays.filter((p) => p.source === PlaySource.ACCOUNT_DATA);
    const fine = plays.filter((p) => p.source !== PlaySource.ACCOUNT_DATA);
    const batches = [
      ...chunks(fine).map((rows) => ({ rows, dedupe: FINE_DEDUPE })),
      ...chunks(coarse).map((rows) => ({ rows, dedupe: COARSE_DEDUPE })),
    ];
    if (batches.length === 0) return 0;
    // No wait for the WAL flush: whoever records progress next (a checkpoint, the poll cursor) commits
    // synchronously, which flushes these commits too; a crash before that loses only work that is redone.
    await this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL synchronous_commit = off');
      for (const { rows, dedupe } of batches) inserted += await this.insertChunk(m, listenerId, rows, dedupe);
    });
    return inserted;
  }

  private async insertChunk(
    m: EntityManager,
    listenerId: string,
    rows: NewPlay[],
    sameElsewhere: string,
  ): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `WITH input AS (
         SELECT to_timestamp(ms / 1000.0) AS played_at, track_id, ms_played, source, skipped, reason_end
         FROM unnest($2::int8[], $3::uuid[], $4::int[], $5::text[], $6::boolean[], $7::text[])
           AS u(ms, track_id, ms_played, source, skipped, reason_end)
       ), inserted AS (
         INSERT INTO listening_play (listener_id, played_at, track_id, ms_played, source, skipped, reason_end)
         SELECT $1, u.played_at, u.track_id, u.ms_played, u.source, u.skipped, u.reason_end FROM input u
         WHERE NOT EXISTS (SELECT 1 FROM listening_play p WHERE p.listener_id = $1 AND p.track_id = u.track_id
           AND ${sameElsewhere})
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

  async insertEpisodes(listenerId: string, plays: readonly NewEpisodePlay[]): Promise<number> {
    let inserted = 0;
    for (const rows of chunks(plays)) {
      const [{ n }] = await this.dataSource.query<{ n: number }[]>(
        `WITH inserted AS (
           INSERT INTO listening_episode_play (listener_id, played_at, episode_key, episode_name, show_name,
             ms_played, source)
           SELECT $1, u.* FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[])
             AS u(played_at, episode_key, episode_name, show_name, ms_played, source)
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

  async matches(keys: readonly { artistKey: string; titleKey: string }[]): Promise<TrackMatchRow[]> {
    if (keys.length === 0) return [];
    return this.dataSource.query(
      `SELECT m.artist_key AS "artistKey", m.title_key AS "titleKey", m.outcome, m.track_id AS "trackId",
         m.spotify_track_id AS "spotifyTrackId", m.score
       FROM listening_track_match m
       JOIN unnest($1::text[], $2::text[]) AS k(artist_key, title_key) USING (artist_key, title_key)`,
      [keys.map((k) => k.artistKey), keys.map((k) => k.titleKey)],
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

/** A fine-grained play (seconds) already stored from the account data (minute precision, either rounding). */
// (the literal predicate lets the planner use the partial index idx_listening_play_account_data)
const FINE_DEDUPE = `p.source = 'ACCOUNT_DATA'
  AND p.played_at IN (date_trunc('minute', u.played_at), date_trunc('minute', u.played_at) + interval '1 minute')`;
/** An account-data play (a minute) already stored from a finer source within a minute either side. */
const COARSE_DEDUPE = `p.source <> '${PlaySource.ACCOUNT_DATA}'
  AND p.played_at > u.played_at - interval '1 minute' AND p.played_at < u.played_at + interval '1 minute'`;
