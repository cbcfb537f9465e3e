import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplyCheck,
  ApplyCounts,
  ArtistAttributes,
  EnrichmentSelection,
  TrackAttributes,
} from './attributes.types';
import { isrcGroupsSql } from './isrc-groups';

const INCREMENTAL_DAYS = 7;
/** The last-resort inferred genre: not a classification, so coverage does not count it. */
const UNCLASSIFIED = 'unclassified';

/**
 * Enriched attributes of tracks and artists: which rows need enrichment, and set-based application that rewrites
 * only rows whose values change and never stores null (or nothing) over a known value.
 */
@Injectable()
export class AttributesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Which rows a run takes. BACKFILL: never checked, or last checked more than `staleDays` ago (checked = fetched,
   * whether or not a value changed). INCREMENTAL: first seen in the last 7 days and not checked since, so a run
   * takes only what earlier runs did not (listening ingestion queues an artist run whenever it meets a new artist).
   * `since`: the start of a resumed run, whose interrupted attempt already checked some rows it must still page
   * through (artists: applied page by page; tracks are checked only once their whole fetch is done).
   */
  private selection(
    table: 'track' | 'artist',
    mode: EnrichmentSelection,
    staleDays: number,
    since: string | null = null,
  ): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const param = (value: unknown, type: string) => {
      params.push(value);
      return `$${params.length}::${type}`;
    };
    const again = since === null ? '' : ` OR ${table}.checked_at >= ${param(since, 'timestamptz')}`;
    if (mode === 'INCREMENTAL') {
      const recent = `${table}.created_at > now() - interval '${INCREMENTAL_DAYS} days'`;
      const unchecked = `${table}.checked_at IS NULL OR ${table}.checked_at < ${table}.created_at`;
      return { where: `(${recent} AND (${unchecked}${again}))`, params };
    }
    const stale = `now() - make_interval(days => ${param(staleDays, 'int')})`;
    return { where: `(${table}.checked_at IS NULL OR ${table}.checked_at < ${stale}${again})`, params };
  }

  /** Tracks with a Spotify id to enrich, in id order (keyset), `limit` at a time. */
  tracksToEnrich(mode: EnrichmentSelection, staleDays: number, afterId: string | null, limit: number) {
    const { where, params } = this.selection('track', mode, staleDays);
    const n = params.length;
    return this.dataSource.query<{ id: string; spotifyId: string }[]>(
      `SELECT id, spotify_id AS "spotifyId" FROM track
       WHERE spotify_id IS NOT NULL AND ${where} AND ($${n + 1}::uuid IS NULL OR id > $${n + 1})
       ORDER BY id LIMIT $${n + 2}`,
      [...params, afterId, limit],
    );
  }

  async countTracksToEnrich(mode: EnrichmentSelection, staleDays: number): Promise<number> {
    const { where, params } = this.selection('track', mode, staleDays);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM track WHERE spotify_id IS NOT NULL AND ${where}`,
      params,
    );
    return row.n;
  }

  artistsToEnrich(
    mode: EnrichmentSelection,
    staleDays: number,
    afterId: string | null,
    limit: number,
    since: string | null = null,
  ) {
    const { where, params } = this.selection('artist', mode, staleDays, since);
    const n = params.length;
    return this.dataSource.query<{ id: string; spotifyId: string; name: string }[]>(
      `SELECT id, spotify_id AS "spotifyId", name FROM artist
       WHERE spotify_id IS NOT NULL AND ${where} AND ($${n + 1}::uuid IS NULL OR id > $${n + 1})
       ORDER BY id LIMIT $${n + 2}`,
      [...params, afterId, limit],
    );
  }

  async countArtistsToEnrich(mode: EnrichmentSelection, staleDays: number): Promise<number> {
    const { where, params } = this.selection('artist', mode, staleDays);
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM artist WHERE spotify_id IS NOT NULL AND ${where}`,
      params,
    );
    return row.n;
  }

  /** The database's clock, which stamps `checked_at` (a run remembers when it started by it). */
  async databaseNow(): Promise<string> {
    const [row] = await this.dataSource.query<{ now: string }[]>(`SELECT now()::text AS now`);
    return row.now;
  }

  /**
   * Lines of a reviewed file (1-based `line` each) whose track id Soundgraph does not have, or whose Spotify id is
   * not that track's: one set-based query for the whole file.
   */
  async mismatchedTrackPairs(
    rows: readonly { line: number; trackId: string; spotifyId: string }[],
  ): Promise<
    { line: number; trackId: string; spotifyId: string; storedSpotifyId: string | null; found: boolean }[]
  > {
    if (rows.length === 0) return [];
    const bad = await this.dataSource.query<{ ord: number; found: boolean; stored: string | null }[]>(
      `SELECT u.ord::int AS ord, t.id IS NOT NULL AS found, t.spotify_id AS stored
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS u(id, sid, ord)
       LEFT JOIN track t ON t.id = u.id
       WHERE t.id IS NULL OR t.spotify_id IS DISTINCT FROM u.sid
       ORDER BY u.ord`,
      [rows.map((r) => r.trackId), rows.map((r) => r.spotifyId)],
    );
    return bad.map((b) => ({ ...rows[b.ord - 1], storedSpotifyId: b.stored, found: b.found }));
  }

  /**
   * One statement per call (callers chunk), in its own transaction: `check` sees the counts before it commits, and
   * a throw rolls the call back. Every row that names a track stamps its `checked_at`, a row with neither value too
   * (Spotify did not know the id): it was fetched, so it is not fetched again until stale. Only rows whose values
   * change count as updated (and move `enriched_at`); counts cover rows with a value, an empty row is the caller's
   * to count.
   */
  async applyTracks(rows: TrackAttributes[], check?: ApplyCheck): Promise<ApplyCounts> {
    if (rows.length === 0) {
      const none = { updated: 0, unchanged: 0, missing: 0 };
      check?.(none);
      return none;
    }
    return this.dataSource.transaction(async (manager) => {
      const counts = await this.applyTracksIn(manager, rows);
      check?.(counts);
      return counts;
    });
  }

  private async applyTracksIn(manager: EntityManager, rows: TrackAttributes[]): Promise<ApplyCounts> {
    const [result] = await manager.query<{ updated: number; matched: number }[]>(
      `WITH input AS (
         SELECT DISTINCT ON (id) id, pop, isrc
         FROM unnest($1::uuid[], $2::smallint[], $3::text[]) WITH ORDINALITY AS u(id, pop, isrc, ord)
         ORDER BY id, ord DESC
       ), target AS (
         SELECT i.id, i.pop, i.isrc, (i.pop IS NOT NULL OR i.isrc IS NOT NULL) AS valued,
           (i.pop IS NOT NULL OR i.isrc IS NOT NULL) AND (
             t.enriched_at IS NULL
             OR t.popularity IS DISTINCT FROM COALESCE(i.pop, t.popularity)
             OR t.isrc IS DISTINCT FROM COALESCE(i.isrc, t.isrc)) AS changes
         FROM input i JOIN track t ON t.id = i.id
       ), changed AS (
         UPDATE track t SET
           popularity = COALESCE(g.pop, t.popularity),
           popularity_source = CASE WHEN g.pop IS NOT NULL THEN 'SPOTIFY' ELSE t.popularity_source END,
           popularity_fetched_at = CASE WHEN g.pop IS NOT NULL THEN now() ELSE t.popularity_fetched_at END,
           isrc = COALESCE(g.isrc, t.isrc),
           isrc_source = CASE WHEN g.isrc IS NOT NULL AND t.isrc IS DISTINCT FROM g.isrc THEN 'SPOTIFY' ELSE t.isrc_source END,
           isrc_fetched_at = CASE WHEN g.isrc IS NOT NULL THEN now() ELSE t.isrc_fetched_at END,
           enriched_at = now(), checked_at = now(), updated_at = now()
         FROM target g
         WHERE t.id = g.id AND g.changes
         RETURNING t.id
       ), checked AS (
         -- the other rows (disjoint: a row is written once per statement) only record the fetch
         UPDATE track t SET checked_at = now()
         FROM target g WHERE t.id = g.id AND NOT g.changes
         RETURNING t.id
       )
       SELECT (SELECT count(*)::int FROM changed) AS updated,
              (SELECT count(*)::int FROM target WHERE valued) AS matched`,
      [rows.map((r) => r.trackId), rows.map((r) => r.popularity), rows.map((r) => r.isrc)],
    );
    // the last row of an id wins, as in the statement
    const last = new Map(rows.map((r) => [r.trackId, r]));
    const valued = [...last.values()].filter((r) => r.popularity !== null || r.isrc !== null).length;
    return {
      updated: result.updated,
      unchanged: result.matched - result.updated,
      missing: valued - result.matched,
    };
  }

  /**
   * Genres: Spotify's replace anything; Soundcharts' replace anything but Spotify's; an inferred genre only fills
   * an artist with none, or replaces another inference. Popularity, followers, images and URL: only when sent.
   * Every artist of `rows` stamps `checked_at`, and so do `unknownIds` (artists Spotify did not know, which are not
   * counted); only rows whose values change count as updated (and move `enriched_at`). One transaction per call:
   * `check` sees the counts before it commits, and a throw rolls the call back.
   */
  async applyArtists(
    rows: ArtistAttributes[],
    unknownIds: readonly string[] = [],
    check?: ApplyCheck,
  ): Promise<ApplyCounts> {
    if (rows.length === 0 && unknownIds.length === 0) {
      const none = { updated: 0, unchanged: 0, missing: 0 };
      check?.(none);
      return none;
    }
    return this.dataSource.transaction(async (manager) => {
      const counts = await this.applyArtistsIn(manager, rows, unknownIds);
      check?.(counts);
      return counts;
    });
  }

  private async applyArtistsIn(
    manager: EntityManager,
    rows: ArtistAttributes[],
    unknownIds: readonly string[],
  ): Promise<ApplyCounts> {
    const [result] = await manager.query<{ updated: number; matched: number }[]>(
      `WITH input AS (
         SELECT DISTINCT ON (id) id, genres, src, pop, fol, img, url
         FROM unnest($1::uuid[], $2::jsonb[], $3::text[], $4::smallint[], $5::int[], $6::jsonb[], $7::text[])
           WITH ORDINALITY AS u(id, genres, src, pop, fol, img, url, ord)
         ORDER BY id, ord DESC
       ), resolved AS (
         SELECT i.*, a.id AS artist_id,
           CASE WHEN jsonb_array_length(i.genres) > 0 AND (i.src = 'SPOTIFY' OR cardinality(a.genres) = 0
                     OR a.genre_source IS NULL OR a.genre_source = 'INFERRED'
                     OR (i.src = 'SOUNDCHARTS' AND a.genre_source <> 'SPOTIFY'))
                THEN ARRAY(SELECT jsonb_array_elements_text(i.genres)) ELSE a.genres END AS new_genres,
           CASE WHEN jsonb_array_length(i.genres) > 0 AND (i.src = 'SPOTIFY' OR cardinality(a.genres) = 0
                     OR a.genre_source IS NULL OR a.genre_source = 'INFERRED'
                     OR (i.src = 'SOUNDCHARTS' AND a.genre_source <> 'SPOTIFY'))
                THEN i.src ELSE a.genre_source END AS new_source,
           CASE WHEN jsonb_array_length(i.img) > 0 THEN i.img ELSE a.images END AS new_images
         FROM input i JOIN artist a ON a.id = i.id
       ), target AS (
         SELECT r.*, (
           a.enriched_at IS NULL
           OR a.genres IS DISTINCT FROM r.new_genres OR a.genre_source IS DISTINCT FROM r.new_source
           OR a.popularity IS DISTINCT FROM COALESCE(r.pop, a.popularity)
           OR a.followers IS DISTINCT FROM COALESCE(r.fol, a.followers)
           OR a.images IS DISTINCT FROM r.new_images
           OR a.external_url IS DISTINCT FROM COALESCE(r.url, a.external_url)) AS changes
         FROM resolved r JOIN artist a ON a.id = r.artist_id
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
           enriched_at = now(), checked_at = now(), updated_at = now()
         FROM target r
         WHERE a.id = r.artist_id AND r.changes
         RETURNING a.id
       ), checked AS (
         -- the other rows (disjoint: a row is written once per statement) only record the fetch
         UPDATE artist a SET checked_at = now()
         WHERE a.id IN (SELECT artist_id FROM target WHERE NOT changes)
            OR (a.id = ANY($8::uuid[]) AND a.id NOT IN (SELECT id FROM input))
         RETURNING a.id
       )
       SELECT (SELECT count(*)::int FROM changed) AS updated, (SELECT count(*)::int FROM target) AS matched`,
      [
        rows.map((r) => r.artistId),
        rows.map((r) => JSON.stringify(r.genres)),
        rows.map((r) => r.genreSource ?? 'SPOTIFY'),
        rows.map((r) => r.popularity),
        rows.map((r) => r.followers),
        rows.map((r) => JSON.stringify(r.images)),
        rows.map((r) => r.externalUrl),
        unknownIds,
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
         (SELECT count(*)::int FROM track WHERE spotify_id IS NOT NULL AND enriched_at IS NOT NULL AND checked_at < now() - make_interval(days => $1::int)) AS tracks_stale,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL) AS artists_total,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL AND enriched_at IS NOT NULL) AS artists_enriched,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL AND enriched_at IS NOT NULL AND checked_at < now() - make_interval(days => $1::int)) AS artists_stale,
         (SELECT count(*)::int FROM artist WHERE spotify_id IS NOT NULL
            AND EXISTS (SELECT 1 FROM unnest(genres) g WHERE g <> '${UNCLASSIFIED}')) AS artists_with_genres`,
      [staleDays],
    );
    return row;
  }

  /** Track ids (of those given) whose ISRC group conflicts (see isrcGroupsSql). */
  async isrcConflicts(trackIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `WITH groups AS (${isrcGroupsSql('SELECT isrc FROM track WHERE id = ANY($1::uuid[]) AND isrc IS NOT NULL')})
       SELECT t.id FROM track t JOIN groups g ON g.isrc = t.isrc
       WHERE t.id = ANY($1::uuid[]) AND g.conflict`,
      [trackIds],
    );
    return new Set(rows.map((r) => r.id));
  }
}
