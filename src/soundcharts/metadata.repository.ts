import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScArtist, ScSong } from './client/soundcharts-api.types';
import { spotifyIdsOf } from './client/soundcharts-json';
import { SOURCES } from './soundcharts.constants';

/** Soundcharts' answer for one of our tracks' songs. */
export interface SongRecord {
  trackId: string;
  songUuid: string;
  song: ScSong | null;
}

export interface ArtistRecord {
  artistId: string;
  artistUuid: string;
  /** The name the song credits carry, for an artist Soundcharts does not know. */
  name: string;
  artist: ScArtist | null;
}

export interface ResolutionRecord {
  trackId: string;
  status: 'FOUND' | 'PENDING' | 'NOT_FOUND' | 'BLACKLISTED' | 'NO_IDENTIFIER';
  method: 'spotify' | 'isrc' | null;
  songUuid: string | null;
}

export interface CreditRow {
  trackId: string;
  artistUuid: string;
  position: number;
  name: string;
  artistId: string | null;
}

/** Statements stay far below PostgreSQL's parameter limit (arrays are one parameter each) and bounded in size. */
const CHUNK = 2000;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Song and artist metadata, song credits and identifiers, track resolutions: set-based, chunked. */
@Injectable()
export class MetadataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores what the song endpoints said (found or not), its identifiers and credits, replacing older answers. */
  async saveSongs(records: readonly SongRecord[]): Promise<void> {
    const unique = [...new Map(records.map((r) => [r.trackId, r])).values()];
    if (unique.length === 0) return;
    await this.dataSource.transaction(async (m) => {
      for (const part of chunks(unique)) await this.saveSongChunk(m, part);
    });
  }

  private async saveSongChunk(m: EntityManager, records: readonly SongRecord[]): Promise<void> {
    const s = (r: SongRecord) => r.song;
    await m.query(
      `INSERT INTO soundcharts_song (track_id, song_uuid, status, name, credit_name, isrc, duration_seconds,
         release_date, explicit, genres, labels, image_url, spotify_ids, source, fetched_at)
       SELECT u.t, u.u, u.st, u.n, u.c, u.i, u.d, u.r, u.e, u.g, u.l, u.img,
         ARRAY(SELECT jsonb_array_elements_text(u.sp)), $14, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::date[],
         $9::bool[], $10::jsonb[], $11::jsonb[], $12::text[], $13::jsonb[])
         AS u(t, u, st, n, c, i, d, r, e, g, l, img, sp)
       ON CONFLICT (track_id) DO UPDATE SET song_uuid = EXCLUDED.song_uuid, status = EXCLUDED.status,
         name = COALESCE(EXCLUDED.name, soundcharts_song.name),
         credit_name = COALESCE(EXCLUDED.credit_name, soundcharts_song.credit_name),
         isrc = COALESCE(EXCLUDED.isrc, soundcharts_song.isrc),
         duration_seconds = COALESCE(EXCLUDED.duration_seconds, soundcharts_song.duration_seconds),
         release_date = COALESCE(EXCLUDED.release_date, soundcharts_song.release_date),
         explicit = COALESCE(EXCLUDED.explicit, soundcharts_song.explicit),
         genres = CASE WHEN EXCLUDED.status = 'FOUND' THEN EXCLUDED.genres ELSE soundcharts_song.genres END,
         labels = CASE WHEN EXCLUDED.status = 'FOUND' THEN EXCLUDED.labels ELSE soundcharts_song.labels END,
         image_url = COALESCE(EXCLUDED.image_url, soundcharts_song.image_url),
         spotify_ids = CASE WHEN EXCLUDED.status = 'FOUND' THEN EXCLUDED.spotify_ids
                            ELSE soundcharts_song.spotify_ids END,
         source = EXCLUDED.source, fetched_at = EXCLUDED.fetched_at`,
      [
        records.map((r) => r.trackId),
        records.map((r) => r.songUuid),
        records.map((r) => (r.song ? 'FOUND' : 'NOT_FOUND')),
        records.map((r) => s(r)?.name ?? null),
        records.map((r) => s(r)?.creditName ?? null),
        records.map((r) => s(r)?.isrc ?? null),
        records.map((r) => (s(r)?.duration != null ? Math.round(s(r)!.duration!) : null)),
        records.map((r) => s(r)?.releaseDate ?? null),
        records.map((r) => s(r)?.explicit ?? null),
        records.map((r) => JSON.stringify(s(r)?.genres ?? [])),
        records.map((r) => JSON.stringify(s(r)?.labels ?? [])),
        records.map((r) => s(r)?.imageUrl ?? null),
        records.map((r) => JSON.stringify(spotifyIdsOf(s(r)?.identifiers ?? []))),
        SOURCES.song,
      ],
    );
    const found = records.filter((r) => r.song);
    const foundIds = found.map((r) => r.trackId);
    await m.query('DELETE FROM soundcharts_song_identifier WHERE track_id = ANY($1::uuid[])', [foundIds]);
    const identifiers = found.flatMap((r) =>
      (r.song!.identifiers ?? []).map((i) => ({ trackId: r.trackId, ...i })),
    );
    await m.query(
      `INSERT INTO soundcharts_song_identifier (track_id, platform, identifier, is_default)
       SELECT t, p, i, bool_or(d) FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bool[]) AS u(t, p, i, d)
       GROUP BY t, p, i`,
      [
        identifiers.map((i) => i.trackId),
        identifiers.map((i) => i.platform),
        identifiers.map((i) => i.identifier),
        identifiers.map((i) => i.isDefault),
      ],
    );
    await m.query('DELETE FROM soundcharts_song_artist WHERE track_id = ANY($1::uuid[])', [foundIds]);
    const credits = found.flatMap((r) =>
      r.song!.artists.map((a, position) => ({ trackId: r.trackId, position, ...a })),
    );
    await m.query(
      `INSERT INTO soundcharts_song_artist (track_id, artist_uuid, position, name)
       SELECT t, a, min(p), min(n) FROM unnest($1::uuid[], $2::uuid[], $3::smallint[], $4::text[]) AS u(t, a, p, n)
       GROUP BY t, a`,
      [
        credits.map((c) => c.trackId),
        credits.map((c) => c.uuid),
        credits.map((c) => c.position),
        credits.map((c) => c.name),
      ],
    );
  }

  /** Of these tracks, those whose song metadata is missing or older than `maxAgeDays`. */
  async songsNeedingMetadata(trackIds: readonly string[], maxAgeDays: number): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ track_id: string }[]>(
      `SELECT t AS track_id FROM unnest($1::uuid[]) AS t
       WHERE NOT EXISTS (SELECT 1 FROM soundcharts_song s WHERE s.track_id = t
                           AND s.fetched_at > now() - make_interval(days => $2))`,
      [trackIds, maxAgeDays],
    );
    return new Set(rows.map((r) => r.track_id));
  }

  /** Tracks whose song Soundcharts said it does not know (their audience is not asked for). */
  async songsNotFound(trackIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ track_id: string }[]>(
      `SELECT track_id FROM soundcharts_song WHERE track_id = ANY($1::uuid[]) AND status = 'NOT_FOUND'`,
      [trackIds],
    );
    return new Set(rows.map((r) => r.track_id));
  }

  /** The credits of these tracks with our artist id where the artist is known, in credit order. */
  async credits(trackIds: readonly string[]): Promise<CreditRow[]> {
    const rows = await this.dataSource.query<
      { track_id: string; artist_uuid: string; position: number; name: string; artist_id: string | null }[]
    >(
      `SELECT sa.track_id, sa.artist_uuid, sa.position, sa.name, a.artist_id
       FROM soundcharts_song_artist sa LEFT JOIN soundcharts_artist a ON a.artist_uuid = sa.artist_uuid
       WHERE sa.track_id = ANY($1::uuid[]) ORDER BY sa.track_id, sa.position`,
      [trackIds],
    );
    return rows.map((r) => ({
      trackId: r.track_id,
      artistUuid: r.artist_uuid,
      position: r.position,
      name: r.name,
      artistId: r.artist_id,
    }));
  }

  /** Of these artist uuids, those whose metadata is missing or older than `maxAgeDays`. */
  async artistsNeedingMetadata(artistUuids: readonly string[], maxAgeDays: number): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ artist_uuid: string }[]>(
      `SELECT u AS artist_uuid FROM unnest($1::uuid[]) AS u
       WHERE NOT EXISTS (SELECT 1 FROM soundcharts_artist a WHERE a.artist_uuid = u
                           AND a.fetched_at > now() - make_interval(days => $2))`,
      [artistUuids, maxAgeDays],
    );
    return new Set(rows.map((r) => r.artist_uuid));
  }

  async saveArtists(records: readonly ArtistRecord[]): Promise<void> {
    const unique = [...new Map(records.map((r) => [r.artistId, r])).values()];
    for (const part of chunks(unique)) {
      const a = (r: ArtistRecord) => r.artist;
      await this.dataSource.query(
        `INSERT INTO soundcharts_artist (artist_id, artist_uuid, status, name, country_code, career_stage,
           growth_level, genres, image_url, city_name, spotify_id, source, fetched_at)
         SELECT u.id, u.u, u.st, u.n, u.c, u.cs, u.gl, ARRAY(SELECT jsonb_array_elements_text(u.g)), u.img,
           u.city, u.sp, $12, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
           $8::jsonb[], $9::text[], $10::text[], $11::text[]) AS u(id, u, st, n, c, cs, gl, g, img, city, sp)
         ON CONFLICT (artist_id) DO UPDATE SET artist_uuid = EXCLUDED.artist_uuid, status = EXCLUDED.status,
           name = EXCLUDED.name,
           country_code = COALESCE(EXCLUDED.country_code, soundcharts_artist.country_code),
           career_stage = COALESCE(EXCLUDED.career_stage, soundcharts_artist.career_stage),
           growth_level = COALESCE(EXCLUDED.growth_level, soundcharts_artist.growth_level),
           genres = CASE WHEN EXCLUDED.status = 'FOUND' THEN EXCLUDED.genres ELSE soundcharts_artist.genres END,
           image_url = COALESCE(EXCLUDED.image_url, soundcharts_artist.image_url),
           city_name = COALESCE(EXCLUDED.city_name, soundcharts_artist.city_name),
           spotify_id = COALESCE(EXCLUDED.spotify_id, soundcharts_artist.spotify_id),
           source = EXCLUDED.source, fetched_at = EXCLUDED.fetched_at`,
        [
          part.map((r) => r.artistId),
          part.map((r) => r.artistUuid),
          part.map((r) => (r.artist ? 'FOUND' : 'NOT_FOUND')),
          part.map((r) => a(r)?.name ?? r.name),
          part.map((r) => a(r)?.countryCode ?? null),
          part.map((r) => a(r)?.careerStage ?? null),
          part.map((r) => a(r)?.growthLevel ?? null),
          part.map((r) => JSON.stringify(a(r)?.genres ?? [])),
          part.map((r) => a(r)?.imageUrl ?? null),
          part.map((r) => a(r)?.cityName ?? null),
          part.map((r) => spotifyIdsOfArtist(a(r))),
          SOURCES.artist,
        ],
      );
    }
  }

  /** The Spotify ids already stored for these artist uuids (an artist whose id is known needs no /identifiers). */
  async artistSpotifyIds(artistUuids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ artist_uuid: string; spotify_id: string }[]>(
      `SELECT artist_uuid, spotify_id FROM soundcharts_artist
       WHERE artist_uuid = ANY($1::uuid[]) AND spotify_id IS NOT NULL`,
      [artistUuids],
    );
    return new Map(rows.map((r) => [r.artist_uuid, r.spotify_id]));
  }

  /** Known artists (found on Soundcharts) among these uuids, with our ids. */
  async foundArtists(artistUuids: readonly string[]): Promise<{ artistId: string; artistUuid: string }[]> {
    const rows = await this.dataSource.query<{ artist_id: string; artist_uuid: string }[]>(
      `SELECT artist_id, artist_uuid FROM soundcharts_artist
       WHERE artist_uuid = ANY($1::uuid[]) AND status = 'FOUND' ORDER BY name, artist_id`,
      [artistUuids],
    );
    return rows.map((r) => ({ artistId: r.artist_id, artistUuid: r.artist_uuid }));
  }

  /** Artists Soundcharts knows, found by lower-cased name (to estimate what a ranking's credits will bring). */
  async foundArtistsByName(names: readonly string[]): Promise<{ artistId: string; name: string }[]> {
    const rows = await this.dataSource.query<{ artist_id: string; name: string }[]>(
      `SELECT artist_id, lower(name) AS name FROM soundcharts_artist
       WHERE lower(name) = ANY($1::text[]) AND status = 'FOUND'`,
      [names],
    );
    return rows.map((r) => ({ artistId: r.artist_id, name: r.name }));
  }

  async artistGenres(artistIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.query<{ artist_id: string; genres: string[] }[]>(
      `SELECT artist_id, genres FROM soundcharts_artist WHERE artist_id = ANY($1::uuid[]) AND status = 'FOUND'`,
      [artistIds],
    );
    return new Map(rows.map((r) => [r.artist_id, r.genres]));
  }

  async artistNames(artistIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<{ artist_id: string; name: string }[]>(
      'SELECT artist_id, name FROM soundcharts_artist WHERE artist_id = ANY($1::uuid[])',
      [artistIds],
    );
    return new Map(rows.map((r) => [r.artist_id, r.name]));
  }

  async saveResolutions(records: readonly ResolutionRecord[]): Promise<void> {
    const unique = [...new Map(records.map((r) => [r.trackId, r])).values()];
    for (const part of chunks(unique)) {
      await this.dataSource.query(
        `INSERT INTO soundcharts_track_resolution (track_id, status, method, song_uuid, attempts, checked_at)
         SELECT t, s, m, u, 1, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[]) AS x(t, s, m, u)
         ON CONFLICT (track_id) DO UPDATE SET status = EXCLUDED.status, method = EXCLUDED.method,
           song_uuid = EXCLUDED.song_uuid, attempts = soundcharts_track_resolution.attempts + 1,
           checked_at = EXCLUDED.checked_at`,
        [
          part.map((r) => r.trackId),
          part.map((r) => r.status),
          part.map((r) => r.method),
          part.map((r) => r.songUuid),
        ],
      );
    }
  }

  /** Tracks answered 410 (blacklisted ISRC) within `days`: not asked again before then. */
  async recentlyBlacklisted(trackIds: readonly string[], days: number): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ track_id: string }[]>(
      `SELECT track_id FROM soundcharts_track_resolution WHERE track_id = ANY($1::uuid[])
         AND status = 'BLACKLISTED' AND checked_at > now() - make_interval(days => $2)`,
      [trackIds, days],
    );
    return new Set(rows.map((r) => r.track_id));
  }
}

function spotifyIdsOfArtist(artist: ScArtist | null): string | null {
  return artist ? (spotifyIdsOf(artist.identifiers ?? [])[0] ?? null) : null;
}
