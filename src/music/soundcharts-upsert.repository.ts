import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SoundchartsArtistInput, SoundchartsSongInput, TrackCredits, TrackMerge } from './music.types';

/**
 * Tracks and artists as Soundcharts knows them, joined to the Spotify side: a song claims the existing track of
 * its first Spotify id (so charts, catalog links and enrichment meet on one row), otherwise it gets a new row.
 * Set-based: three statements per call whatever its size. Known values are never replaced by missing ones.
 */
@Injectable()
export class SoundchartsUpsertRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsertSongs(songs: SoundchartsSongInput[], manager?: EntityManager): Promise<Map<string, string>> {
    const unique = [...new Map(songs.map((s) => [s.uuid, s])).values()];
    if (unique.length === 0) return new Map();
    const params = [
      unique.map((s) => s.uuid),
      unique.map((s) => s.name),
      unique.map((s) => s.isrc ?? null),
      unique.map((s) => s.durationMs ?? null),
      unique.map((s) => s.spotifyIds[0] ?? null),
    ];
    const run = async (m: EntityManager) => {
      await m.query(
        `UPDATE track t SET soundcharts_uuid = u.uuid, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[]) AS u(uuid, n, i, d, sid)
         WHERE t.spotify_id = u.sid AND t.soundcharts_uuid IS NULL
           AND NOT EXISTS (SELECT 1 FROM track x WHERE x.soundcharts_uuid = u.uuid)`,
        params,
      );
      await m.query(
        `INSERT INTO track (soundcharts_uuid, spotify_id, name, isrc, duration_ms, metadata_source, metadata_fetched_at)
         SELECT u.uuid, CASE WHEN EXISTS (SELECT 1 FROM track x WHERE x.spotify_id = u.sid) THEN NULL ELSE u.sid END,
           u.n, u.i, u.d, 'SOUNDCHARTS', now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[]) AS u(uuid, n, i, d, sid)
         ON CONFLICT (soundcharts_uuid) DO UPDATE SET
           -- a song first met without identifiers gets its Spotify id once known (and not held by another row)
           spotify_id = COALESCE(track.spotify_id, EXCLUDED.spotify_id),
           isrc = COALESCE(track.isrc, EXCLUDED.isrc),
           duration_ms = COALESCE(track.duration_ms, EXCLUDED.duration_ms),
           updated_at = now()`,
        params,
      );
      const rows = await m.query<{ id: string; soundcharts_uuid: string }[]>(
        `SELECT id, soundcharts_uuid FROM track WHERE soundcharts_uuid = ANY($1::uuid[])`,
        [params[0]],
      );
      return new Map(rows.map((r) => [r.soundcharts_uuid, r.id]));
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /**
   * A chart brings a song before its identifiers are known, so it gets a row of its own; when the identifiers
   * arrive, one of its Spotify ids may already be held by a Spotify-side row (a catalog link, a top track). This
   * folds the song's row into that one: the Spotify row takes the song uuid and any value it lacks, keeps its own
   * credits (or takes the song's when it has none), and the song's row is deleted. Returns the merges made, so
   * the caller re-points the rows it keeps by track id (within the same transaction).
   */
  async mergeSongDuplicates(songs: SoundchartsSongInput[], m: EntityManager): Promise<TrackMerge[]> {
    const pairs = songs.flatMap((s) => s.spotifyIds.map((sid, rank) => ({ uuid: s.uuid, sid, rank })));
    if (pairs.length === 0) return [];
    const found = await m.query<{ from_id: string; into_id: string; uuid: string }[]>(
      `SELECT DISTINCT ON (f.id) f.id AS from_id, k.id AS into_id, s.uuid
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS s(uuid, sid, rank)
       JOIN track f ON f.soundcharts_uuid = s.uuid AND f.spotify_id IS NULL
       JOIN track k ON k.spotify_id = s.sid AND k.soundcharts_uuid IS NULL
       ORDER BY f.id, s.rank`,
      [pairs.map((p) => p.uuid), pairs.map((p) => p.sid), pairs.map((p) => p.rank)],
    );
    // One song per Spotify row: of two songs claiming the same Spotify track, one is merged and the other keeps
    // its own row (a recording Soundcharts lists twice).
    const byInto = new Map(found.map((r) => [r.into_id, r]));
    const rows = [...byInto.values()];
    if (rows.length === 0) return [];
    const params = [rows.map((r) => r.from_id), rows.map((r) => r.into_id), rows.map((r) => r.uuid)];
    // The uuid is unique: the song's row releases it before the Spotify row takes it.
    await m.query(`UPDATE track SET soundcharts_uuid = NULL WHERE id = ANY($1::uuid[])`, [params[0]]);
    await m.query(
      `UPDATE track k SET soundcharts_uuid = u.uuid,
         isrc = COALESCE(k.isrc, f.isrc),
         duration_ms = COALESCE(k.duration_ms, f.duration_ms),
         metadata_source = COALESCE(k.metadata_source, f.metadata_source),
         metadata_fetched_at = COALESCE(k.metadata_fetched_at, f.metadata_fetched_at),
         updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS u(from_id, into_id, uuid)
       JOIN track f ON f.id = u.from_id
       WHERE k.id = u.into_id`,
      params,
    );
    await m.query(
      `UPDATE track_artist ta SET track_id = u.into_id
       FROM unnest($1::uuid[], $2::uuid[]) AS u(from_id, into_id)
       WHERE ta.track_id = u.from_id
         AND NOT EXISTS (SELECT 1 FROM track_artist x WHERE x.track_id = u.into_id)`,
      [params[0], params[1]],
    );
    await m.query(`DELETE FROM track WHERE id = ANY($1::uuid[])`, [params[0]]);
    return rows.map((r) => ({ fromId: r.from_id, intoId: r.into_id }));
  }

  async upsertArtists(artists: SoundchartsArtistInput[]): Promise<Map<string, string>> {
    const unique = [...new Map(artists.map((a) => [a.uuid, a])).values()];
    if (unique.length === 0) return new Map();
    const params = [
      unique.map((a) => a.uuid),
      unique.map((a) => a.name),
      unique.map((a) => a.spotifyId ?? null),
    ];
    return this.dataSource.transaction(async (m) => {
      await m.query(
        `UPDATE artist a SET soundcharts_uuid = u.uuid, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(uuid, n, sid)
         WHERE a.spotify_id = u.sid AND a.soundcharts_uuid IS NULL
           AND NOT EXISTS (SELECT 1 FROM artist x WHERE x.soundcharts_uuid = u.uuid)`,
        params,
      );
      await m.query(
        `INSERT INTO artist (soundcharts_uuid, spotify_id, name)
         SELECT u.uuid, CASE WHEN EXISTS (SELECT 1 FROM artist x WHERE x.spotify_id = u.sid) THEN NULL ELSE u.sid END, u.n
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(uuid, n, sid)
         ON CONFLICT (soundcharts_uuid) DO UPDATE SET
           spotify_id = COALESCE(artist.spotify_id, EXCLUDED.spotify_id)`,
        params,
      );
      const rows = await m.query<{ id: string; soundcharts_uuid: string }[]>(
        `SELECT id, soundcharts_uuid FROM artist WHERE soundcharts_uuid = ANY($1::uuid[])`,
        [params[0]],
      );
      return new Map(rows.map((r) => [r.soundcharts_uuid, r.id]));
    });
  }

  /** Replaces the credits of these tracks (tracks not listed keep theirs). */
  async setCredits(credits: TrackCredits[], manager?: EntityManager): Promise<void> {
    const rows = credits.flatMap((c) =>
      c.artistIds.map((artistId, position) => ({ trackId: c.trackId, artistId, position })),
    );
    const run = async (m: EntityManager) => {
      await m.query(`DELETE FROM track_artist WHERE track_id = ANY($1::uuid[])`, [
        credits.map((c) => c.trackId),
      ]);
      if (rows.length === 0) return;
      await m.query(
        `INSERT INTO track_artist (track_id, artist_id, position)
         SELECT t, a, min(p) FROM unnest($1::uuid[], $2::uuid[], $3::smallint[]) AS u(t, a, p)
         GROUP BY t, a ON CONFLICT DO NOTHING`,
        [rows.map((r) => r.trackId), rows.map((r) => r.artistId), rows.map((r) => r.position)],
      );
    };
    await (manager ? run(manager) : this.dataSource.transaction(run));
  }
}
