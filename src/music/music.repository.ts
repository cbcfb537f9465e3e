import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ArtistEntity } from './entities/artist.entity';
import { TrackEntity } from './entities/track.entity';
import { artistColumns, trackColumns } from './columns';
import { isrcGroupsSql } from './isrc-groups';
import { SpotifyArtistInput, SpotifyTrackInput } from './music.types';

/** All SQL on tracks, artists and credits: array in, array out, set-based (UNNEST), one statement per kind. */
@Injectable()
export class MusicRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Upserts tracks by Spotify id with their artists and credits. A value Spotify did not send never replaces a
   * stored one (COALESCE). Returns the track id of each Spotify id.
   */
  async upsertSpotifyTracks(
    tracks: SpotifyTrackInput[],
    manager?: EntityManager,
  ): Promise<Map<string, string>> {
    const unique = [...new Map(tracks.map((t) => [t.spotifyId, t])).values()];
    if (unique.length === 0) return new Map();
    const run = async (m: EntityManager) => {
      const trackRows = await m.query<{ id: string; spotify_id: string }[]>(
        `INSERT INTO track (spotify_id, name, isrc, duration_ms, album_name, metadata_source, metadata_fetched_at)
         SELECT s, n, i, d, a, 'SPOTIFY', now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[]) AS u(s, n, i, d, a)
         ON CONFLICT (spotify_id) DO UPDATE SET
           name = EXCLUDED.name,
           isrc = COALESCE(EXCLUDED.isrc, track.isrc),
           duration_ms = COALESCE(EXCLUDED.duration_ms, track.duration_ms),
           album_name = COALESCE(EXCLUDED.album_name, track.album_name),
           metadata_source = 'SPOTIFY', metadata_fetched_at = now(), updated_at = now()
         RETURNING id, spotify_id`,
        [
          unique.map((t) => t.spotifyId),
          unique.map((t) => t.name),
          unique.map((t) => t.isrc ?? null),
          unique.map((t) => t.durationMs ?? null),
          unique.map((t) => t.albumName ?? null),
        ],
      );
      const trackIds = new Map(trackRows.map((r) => [r.spotify_id, r.id]));
      const artists = [...new Map(unique.flatMap((t) => t.artists).map((a) => [a.spotifyId, a])).values()];
      const artistRows = artists.length
        ? await m.query<{ id: string; spotify_id: string }[]>(
            `INSERT INTO artist (spotify_id, name)
             SELECT s, n FROM unnest($1::text[], $2::text[]) AS u(s, n)
             ON CONFLICT (spotify_id) DO UPDATE SET name = EXCLUDED.name,
               updated_at = CASE WHEN artist.name IS DISTINCT FROM EXCLUDED.name THEN now() ELSE artist.updated_at END
             RETURNING id, spotify_id`,
            [artists.map((a) => a.spotifyId), artists.map((a) => a.name)],
          )
        : [];
      const artistIds = new Map(artistRows.map((r) => [r.spotify_id, r.id]));
      const credits = unique.flatMap((t) =>
        t.artists.map((a, position) => ({
          track: trackIds.get(t.spotifyId)!,
          artist: artistIds.get(a.spotifyId)!,
          position,
        })),
      );
      const credited = unique.filter((t) => t.artists.length > 0).map((t) => trackIds.get(t.spotifyId)!);
      await m.query(`DELETE FROM track_artist WHERE track_id = ANY($1::uuid[])`, [credited]);
      if (credits.length) {
        await m.query(
          `INSERT INTO track_artist (track_id, artist_id, position)
           SELECT t, a, min(p) FROM unnest($1::uuid[], $2::uuid[], $3::smallint[]) AS u(t, a, p)
           GROUP BY t, a ON CONFLICT DO NOTHING`,
          [credits.map((c) => c.track), credits.map((c) => c.artist), credits.map((c) => c.position)],
        );
      }
      return trackIds;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * Upserts artists by Spotify id with their name only: a new artist is inserted bare (enrichment fills the rest),
   * a known one gets Spotify's name when one is given and keeps every other value. Returns the artist id of each
   * Spotify id that has a row afterwards.
   */
  async upsertSpotifyArtists(artists: SpotifyArtistInput[]): Promise<Map<string, string>> {
    // one row per Spotify id (ON CONFLICT refuses duplicates), a given name winning over a missing one
    const byId = new Map<string, string | null>();
    for (const a of artists) {
      const name = a.name?.trim() ? a.name : null;
      if (name !== null || !byId.has(a.spotifyId)) byId.set(a.spotifyId, name);
    }
    if (byId.size === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; spotify_id: string }[]>(
      `WITH input AS (SELECT * FROM unnest($1::text[], $2::text[]) AS u(s, n)),
       upserted AS (
         INSERT INTO artist (spotify_id, name)
         SELECT s, n FROM input WHERE n IS NOT NULL
         ON CONFLICT (spotify_id) DO UPDATE SET name = EXCLUDED.name,
           updated_at = CASE WHEN artist.name IS DISTINCT FROM EXCLUDED.name THEN now() ELSE artist.updated_at END
         RETURNING id, spotify_id)
       SELECT id, spotify_id FROM upserted
       UNION ALL
       SELECT a.id, a.spotify_id FROM artist a JOIN input ON a.spotify_id = input.s WHERE input.n IS NULL`,
      [[...byId.keys()], [...byId.values()]],
    );
    return new Map(rows.map((r) => [r.spotify_id, r.id]));
  }

  tracksByIds(ids: readonly string[]): Promise<TrackEntity[]> {
    return this.dataSource.query(`SELECT ${trackColumns('t')} FROM track t WHERE t.id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  tracksBySpotifyIds(ids: readonly string[]): Promise<TrackEntity[]> {
    return this.dataSource.query(
      `SELECT ${trackColumns('t')} FROM track t WHERE t.spotify_id = ANY($1::text[])`,
      [ids],
    );
  }

  artistsBySpotifyIds(ids: readonly string[]): Promise<ArtistEntity[]> {
    return this.dataSource.query(
      `SELECT ${artistColumns('a')} FROM artist a WHERE a.spotify_id = ANY($1::text[])`,
      [ids],
    );
  }

  artistsByIds(ids: readonly string[]): Promise<ArtistEntity[]> {
    return this.dataSource.query(`SELECT ${artistColumns('a')} FROM artist a WHERE a.id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /** Credited artists of each track, in credit order. */
  async artistsByTrackIds(trackIds: readonly string[]): Promise<(ArtistEntity & { trackId: string })[]> {
    return this.dataSource.query(
      `SELECT ta.track_id AS "trackId", ${artistColumns('a')}
       FROM track_artist ta JOIN artist a ON a.id = ta.artist_id
       WHERE ta.track_id = ANY($1::uuid[]) ORDER BY ta.track_id, ta.position`,
      [trackIds],
    );
  }

  /**
   * For each track, the other tracks with the same ISRC; none when the group conflicts (isrcGroupsSql): those are
   * not duplicates but a labelling problem, which `isrcConflict` flags.
   */
  async duplicatesByTrackIds(trackIds: readonly string[]): Promise<(TrackEntity & { ofTrackId: string })[]> {
    return this.dataSource.query(
      `WITH groups AS (${isrcGroupsSql('SELECT isrc FROM track WHERE id = ANY($1::uuid[]) AND isrc IS NOT NULL')})
       SELECT src.id AS "ofTrackId", ${trackColumns('t')}
       FROM track src
       JOIN groups g ON g.isrc = src.isrc AND NOT g.conflict
       JOIN track t ON t.isrc = src.isrc AND t.id <> src.id
       WHERE src.id = ANY($1::uuid[]) ORDER BY src.id, t.created_at, t.id`,
      [trackIds],
    );
  }
}
