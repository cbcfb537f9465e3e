import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplyCounts, ArtistAttributes, EnrichmentSelection, TrackAttributes } from './attributes.types';

const INCREMENTAL_DAYS = 7;

/**
 * Enriched attributes of tracks and artists: which rows need enrichment, and set-based application that rewrites
 * only rows whose values change and never stores null (or nothing) over a known value.
 */
@Injectable()
export class AttributesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private selection(table: 'track' | 'artist', mode: EnrichmentSelection): string {
    return mode === 'INCREMENTAL'
      ? // $1 (the stale days) is still bound, so the statement keeps one parameter list for both modes
        `(${table}.created_at > now() - interval '${INCREMENTAL_DAYS} days' AND $1::int IS NOT NULL)`
      : `(${table}.enriched_at IS NULL OR ${table}.enriched_at < now() - make_interval(days => $1::int))`;
  }

  /** Tracks with a Spotify id to enrich, in id order (keyset), `limit` at a time. */
  tracksToEnrich(mode: EnrichmentSelection, staleDays: number, afterId: string | null, limit: number) {
    return this.dataSource.query<{ id: string; spotifyId: string }[]>(
      `SELECT id, spotify_id AS "spotifyId" FROM track
       WHERE spotify_id IS NOT NULL AND ${this.selection('track', mode)} AND ($2::uuid IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [staleDays, afterId, limit],
    );
  }

  async countTracksToEnrich(mode: EnrichmentSelection, staleDays: number): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM track WHERE spotify_id IS NOT NULL AND ${this.selection('track', mode)}
         AND $1::int IS NOT NULL`,
      [staleDays],
    );
    return row.n;
  }

  artistsToEnrich(mode: EnrichmentSelection, staleDays: number, afterId: string | null, limit: number) {
    return this.dataSource.query<{ id: string; spotifyId: string; name: string }[]>(
      `SELECT id, spotify_id AS "spotifyId", name FROM artist
       WHERE spotify_id IS NOT NULL AND ${this.selection('artist', mode)} AND ($2::uuid IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [staleDays, afterId, limit],
    );
  }

  async countArtistsToEnrich(mode: EnrichmentSelection, staleDays: number): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM artist WHERE spotify_id IS NOT NULL AND ${this.selection('artist', mode)}
         AND $1::int IS NOT NULL`,
      [staleDays],
    );
    return row.n;
  }

  /** One statement per call (callers chunk); in the caller's transaction when one is open. */
  async applyTracks(rows: TrackAttributes[]): Promise<ApplyCounts> {
    if (rows.length === 0) return { updated: 0, unchanged: 0, missing: 0 };
    const [result] = await this.dataSource.query<{ updated: number; matched: number }[]>(
      `WITH input AS (
         SELECT DISTINCT ON (id) id, pop, isrc
         FROM unnest($1::uuid[], $2::smallint[], $3::text[]) WITH ORDINALITY AS u(id, pop, isrc, ord)
         ORDER BY id, ord DESC
       ), changed AS (
         UPDATE track t SET
           popularity = COALESCE(i.pop, t.popularity),
           popularity_source = CASE WHEN i.pop IS NOT NULL THEN 'SPOTIFY' ELSE t.popularity_source END,
           popularity_fetched_at = CASE WHEN i.pop IS NOT NULL THEN now() ELSE t.popularity_fetched_at END,
           isrc = COALESCE(i.isrc, t.isrc),
           isrc_source = CASE WHEN i.isrc IS NOT NULL AND t.isrc IS DISTINCT FROM i.isrc THEN 'SPOTIFY' ELSE t.isrc_source END,
           isrc_fetched_at = CASE WHEN i.isrc IS NOT NULL THEN now() ELSE t.isrc_fetched_at END,
           enriched_at = now(), updated_at = now()
         FROM input i
         WHERE t.id = i.id AND (
           t.enriched_at IS NULL
           OR t.popularity IS DISTINCT FROM COALESCE(i.pop, t.popularity)
           OR t.isrc IS DISTINCT FROM COALESCE(i.isrc, t.isrc))
         RETURNING t.id
       )
       SELECT (SELECT count(*)::int FROM changed) AS updated,
              (SELECT count(*)::int FROM input JOIN track t ON t.id = input.id) AS matched`,
      [rows.map((r) => r.trackId), rows.map((r) => r.popularity), rows.map((r) => r.isrc)],
    );
    const distinct = new Set(rows.map((r) => r.trackId)).size;
    return {
      updated: result.updated,
      unchanged: result.matched - result.updated,
      missing: distinct - result.matched,
    };
  }

  /**
   * Genres: a real source (SPOTIFY, SOUNDCHARTS) replaces anything; an inferred genre only fills an artist with
   * none, or replaces another inference. Popularity, followers, images and URL: only when sent.
   */
  async applyArtists(rows: ArtistAttributes[]): Promise<ApplyCounts> {
    if (rows.length === 0) return { updated: 0, unchanged: 0, missing: 0 };
    const [result] = await this.dataSource.query<{ updated: number; matched: number }[]>(
      `WITH input AS (
         SELECT DISTINCT ON (id) id, genres, src, pop, fol, img, url
         FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::smallint[], $5::int[], $6::jsonb[], $7::text[])
           WITH ORDINALITY AS u(id, genres, src, pop, fol, img, url, ord)
         ORDER BY id, ord DESC
       ), resolved AS (
         SELECT i.*, a.id AS artist_id,
           CASE WHEN jsonb_array_length(i.genres) > 0 AND (i.src <> 'INFERRED' OR a.genre_source IS NULL
                     OR a.genre_source = 'INFERRED' OR cardinality(a.genres) = 0)
                THEN ARRAY(SELECT jsonb_array_elements_text(i.genres)) ELSE a.genres END AS new_genres,
           CASE WHEN jsonb_array_length(i.genres) > 0 AND (i.src <> 'INFERRED' OR a.genre_source IS NULL
                     OR a.genre_source = 'INFERRED' OR cardinality(a.genres) = 0)
                THEN i.src ELSE a.genre_source END AS new_source,
           CASE WHEN jsonb_array_length(i.img) > 0 THEN i.img ELSE a.images END AS new_images
         FROM input i JOIN artist a ON a.id = i.id
       ), changed AS (
         UPDATE artist a SET
           genres = r.new_genres,
           genre_source = r.new_source,
           genres_fetched_at = CASE WHEN r.new_genres IS DISTINCT FROM a.genres OR r.new_source IS DISTINCT FROM a.genre_source
                                    THEN now() ELSE a.genres_fetched_at END,
           popularity = COALESCE(r.pop, a.popularity),
           popularity_fetched_at = CASE WHEN r.pop IS NOT NULL THEN now() ELSE a.popularity_fetched_at END,
           followers = COALESCE(r.fol, a.followers),
           followers_fetched_at = CASE WHEN r.fol IS NOT NULL THEN now() ELSE a.followers_fetched_at END,
           images = r.new_images,
           external_url = COALESCE(r.url, a.external_url),
           enriched_at = now(), updated_at = now()
         FROM resolved r
         WHERE a.id = r.artist_id AND (
           a.enriched_at IS NULL
           OR a.genres IS DISTINCT FROM r.new_genres OR a.genre_source IS DISTINCT FROM r.new_source
           OR a.popularity IS DISTINCT FROM COALESCE(r.pop, a.popularity)
           OR a.followers IS DISTINCT FROM COALESCE(r.fol, a.followers)
           OR a.images IS DISTINCT FROM r.new_images
           OR a.external_url IS DISTINCT FROM COALESCE(r.url, a.external_url))
         RETURNING a.id
       )
       SELECT (SELECT count(*)::int FROM changed) AS updated, (SELECT count(*)::int FROM resolved) AS matched`,
      [
        rows.map((r) => r.artistId),
        rows.map((r) => JSON.stringify(r.genres)),
        rows.map((r) => r.genreSource ?? 'SPOTIFY'),
        rows.map((r) => r.popularity),
        rows.map((r) => r.followers),
        rows.map((r) => JSON.stringify(r.images)),
        rows.map((r) => r.externalUrl),
      ],
    );
    const distinct = new Set(rows.map((r) => r.artistId)).size;
    return {
      updated: result.updated,
      unchanged: result.matched - result.updated,
      missing: distinct - result.matched,
    };
  }

  async coverage(staleDays: number) {
    const [row] = await this.dataSource.query<
      {
        tracks_total: number;
        tracks_enriched: number;
        tracks_stale: number;
        artists_total: number;
        artists_enriched: number;
        artists_stale: number;
        artists_with_genres: number;
      }[]
    >(
      `SELECT
         (SELECT count(*)::int FROM track WHERE spotify_id IS NOT NULL) AS tracks_total,
         (SELECT count(*)::int FROM track WHERE spotify_id IS NOT NULL AND enriched_at IS NOT NULL) AS tracks_enriched,
         (SELECT count(*)::int FROM track WHERE spotify_id IS NOT NULL AND enriched_at < now() - make_interval(days => $1::int)) AS tracks_stale,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL) AS artists_total,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL AND enriched_at IS NOT NULL) AS artists_enriched,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL AND enriched_at < now() - make_interval(days => $1::int)) AS artists_stale,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL AND cardinality(genres) > 0) AS artists_with_genres`,
      [staleDays],
    );
    return row;
  }

  /** Track ids (of those given) whose ISRC group disagrees: durations more than 5 s apart, or other artists. */
  async isrcConflicts(trackIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH groups AS (
         SELECT t.isrc,
           max(t.duration_ms) - min(t.duration_ms) > 5000 AS durations_differ,
           count(DISTINCT (SELECT string_agg(ta.artist_id::text, ',' ORDER BY ta.artist_id)
                           FROM track_artist ta WHERE ta.track_id = t.id)) > 1 AS artists_differ
         FROM track t WHERE t.isrc IN (SELECT isrc FROM track WHERE id = ANY($1::uuid[]) AND isrc IS NOT NULL)
         GROUP BY t.isrc HAVING count(*) > 1
       )
       SELECT t.id FROM track t JOIN groups g ON g.isrc = t.isrc
       WHERE t.id = ANY($1::uuid[]) AND (g.durations_differ OR g.artists_differ)`,
      [trackIds],
    );
    return new Set(rows.map((r) => r.id));
  }
}
