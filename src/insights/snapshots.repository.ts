import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ArtistSnapshot } from './insights.types';

const COLUMNS = `
  spotify_id AS "spotifyId", artist_id AS "artistId", name, to_char(day, 'YYYY-MM-DD') AS day,
  collected_at AS "collectedAt", followers, followers_source AS "followersSource",
  to_char(followers_as_of, 'YYYY-MM-DD') AS "followersAsOf", popularity, genres,
  monthly_listeners AS "monthlyListeners", to_char(monthly_listeners_as_of, 'YYYY-MM-DD') AS "monthlyListenersAsOf",
  tracked_markets AS "trackedMarkets", active_markets AS "activeMarkets", markets, top_tracks AS "topTracks",
  audio_profile AS "audioProfile", related_artists AS "relatedArtists", benchmark, recommendations, skipped`;

/** All SQL on artist snapshots: one row per artist and UTC day. */
@Injectable()
export class SnapshotsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores the day's snapshot, replacing one taken earlier the same day. Returns whether one was replaced. */
  async upsert(snapshot: ArtistSnapshot): Promise<{ replaced: boolean }> {
    const [row] = await this.upsertMany([snapshot]);
    return { replaced: !row.inserted };
  }

  /**
   * Stores snapshots, replacing those of the same artist and day (the last of the same artist and day given
   * wins), in one statement: the rows travel as one JSON parameter.
   */
  async upsertMany(snapshots: readonly ArtistSnapshot[]): Promise<{ inserted: boolean }[]> {
    const unique = [...new Map(snapshots.map((s) => [`${s.spotifyId}|${s.day}`, s])).values()];
    if (unique.length === 0) return [];
    const rows = unique.map((s) => ({
      spotify_id: s.spotifyId,
      artist_id: s.artistId,
      name: s.name,
      day: s.day,
      collected_at: s.collectedAt,
      followers: s.followers,
      followers_source: s.followersSource,
      followers_as_of: s.followersAsOf,
      popularity: s.popularity,
      genres: s.genres,
      monthly_listeners: s.monthlyListeners,
      monthly_listeners_as_of: s.monthlyListenersAsOf,
      tracked_markets: s.trackedMarkets,
      active_markets: s.activeMarkets,
      markets: s.markets,
      top_tracks: s.topTracks,
      audio_profile: s.audioProfile,
      related_artists: s.relatedArtists,
      benchmark: s.benchmark,
      recommendations: s.recommendations,
      skipped: s.skipped,
    }));
    return this.dataSource.query(
      `INSERT INTO artist_snapshot (spotify_id, artist_id, name, day, collected_at, followers, followers_source,
         followers_as_of, popularity, genres, monthly_listeners, monthly_listeners_as_of, tracked_markets,
         active_markets, markets, top_tracks, audio_profile, related_artists, benchmark, recommendations, skipped)
       SELECT spotify_id, artist_id, name, day, collected_at, followers, followers_source, followers_as_of,
         popularity, genres, monthly_listeners, monthly_listeners_as_of, tracked_markets, active_markets,
         nullif(markets, 'null'), nullif(top_tracks, 'null'), nullif(audio_profile, 'null'),
         nullif(related_artists, 'null'), nullif(benchmark, 'null'), nullif(recommendations, 'null'), skipped
       FROM jsonb_to_recordset($1::jsonb) AS r(spotify_id text, artist_id uuid, name text, day date,
         collected_at timestamptz, followers integer, followers_source text, followers_as_of date,
         popularity smallint, genres text[], monthly_listeners integer, monthly_listeners_as_of date,
         tracked_markets text[], active_markets text[], markets jsonb, top_tracks jsonb, audio_profile jsonb,
         related_artists jsonb, benchmark jsonb, recommendations jsonb, skipped jsonb)
       ON CONFLICT (spotify_id, day) DO UPDATE SET
         artist_id = EXCLUDED.artist_id, name = EXCLUDED.name, collected_at = EXCLUDED.collected_at,
         followers = EXCLUDED.followers, followers_source = EXCLUDED.followers_source,
         followers_as_of = EXCLUDED.followers_as_of, popularity = EXCLUDED.popularity, genres = EXCLUDED.genres,
         monthly_listeners = EXCLUDED.monthly_listeners, monthly_listeners_as_of = EXCLUDED.monthly_listeners_as_of,
         tracked_markets = EXCLUDED.tracked_markets, active_markets = EXCLUDED.active_markets,
         markets = EXCLUDED.markets, top_tracks = EXCLUDED.top_tracks, audio_profile = EXCLUDED.audio_profile,
         related_artists = EXCLUDED.related_artists, benchmark = EXCLUDED.benchmark,
         recommendations = EXCLUDED.recommendations, skipped = EXCLUDED.skipped
       RETURNING (xmax = 0) AS inserted`,
      [JSON.stringify(rows)],
    );
  }

  /** The artists' snapshots, oldest first, optionally within [from, to]. */
  history(spotifyIds: readonly string[], from?: string, to?: string): Promise<ArtistSnapshot[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM artist_snapshot
       WHERE spotify_id = ANY($1::text[]) AND ($2::date IS NULL OR day >= $2) AND ($3::date IS NULL OR day <= $3)
       ORDER BY spotify_id, day`,
      [spotifyIds, from ?? null, to ?? null],
    );
  }

  /** Each artist's latest snapshot on or before `onOrBefore` (default: the latest). */
  latest(spotifyIds: readonly string[], onOrBefore?: string): Promise<ArtistSnapshot[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (spotify_id) ${COLUMNS} FROM artist_snapshot
       WHERE spotify_id = ANY($1::text[]) AND ($2::date IS NULL OR day <= $2)
       ORDER BY spotify_id, day DESC`,
      [spotifyIds, onOrBefore ?? null],
    );
  }
}
