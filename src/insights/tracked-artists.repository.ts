import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TrackedArtist } from './insights.types';

export type AudienceLookupClaim =
  { claimed: true } | { claimed: false; tracked: boolean; note: string | null };

const COLUMNS = `spotify_id AS "spotifyId", name, source, tracked_at AS "trackedAt"`;

/** All SQL on tracked artists. */
@Injectable()
export class TrackedArtistsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Tracks (again) an artist; an artist tracked already keeps its first `trackedAt`. */
  async track(spotifyId: string, name: string, source: TrackedArtist['source']): Promise<TrackedArtist> {
    const [row] = await this.dataSource.query<TrackedArtist[]>(
      `INSERT INTO tracked_artist (spotify_id, name, source, tracked_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (spotify_id) DO UPDATE SET
         name = EXCLUDED.name,
         source = CASE WHEN tracked_artist.untracked_at IS NULL THEN tracked_artist.source ELSE EXCLUDED.source END,
         tracked_at = CASE WHEN tracked_artist.untracked_at IS NULL THEN tracked_artist.tracked_at ELSE now() END,
         untracked_at = NULL, updated_at = now()
       RETURNING ${COLUMNS}`,
      [spotifyId, name, source],
    );
    return row;
  }

  /**
   * Tracks an artist unless it is known already, tracked or not (an operator's untrack stands). False when the
   * table does not exist yet (`migrate --generate` runs before the migration that creates it).
   */
  async seed(spotifyId: string, name: string, source: TrackedArtist['source']): Promise<boolean> {
    const [{ ready }] = await this.dataSource.query<{ ready: boolean }[]>(
      `SELECT to_regclass('tracked_artist') IS NOT NULL AS ready`,
    );
    if (!ready) return false;
    await this.dataSource.query(
      `INSERT INTO tracked_artist (spotify_id, name, source, tracked_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (spotify_id) DO NOTHING`,
      [spotifyId, name, source],
    );
    return true;
  }

  /** True when the artist was tracked. */
  async untrack(spotifyId: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE tracked_artist SET untracked_at = now(), updated_at = now()
       WHERE spotify_id = $1 AND untracked_at IS NULL RETURNING spotify_id`,
      [spotifyId],
    );
    return rows.length > 0;
  }

  list(): Promise<TrackedArtist[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM tracked_artist WHERE untracked_at IS NULL ORDER BY tracked_at, spotify_id`,
    );
  }

  /**
   * Claims the day's Soundcharts audience lookup of a tracked artist: granted at most once per artist and day, across
   * processes. Refused, it says whether the artist is tracked and what the day's earlier lookup found.
   */
  async claimAudienceLookup(spotifyId: string, day: string): Promise<AudienceLookupClaim> {
    // An UPDATE answers [rows, affected count] through TypeORM's postgres driver.
    const [claimed] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE tracked_artist SET audience_lookup_on = $2, audience_lookup_note = NULL
       WHERE spotify_id = $1 AND untracked_at IS NULL AND audience_lookup_on IS DISTINCT FROM $2::date
       RETURNING spotify_id`,
      [spotifyId, day],
    );
    if (claimed.length > 0) return { claimed: true };
    const [row] = await this.dataSource.query<{ tracked: boolean; note: string | null }[]>(
      `SELECT untracked_at IS NULL AS tracked, audience_lookup_note AS note FROM tracked_artist
       WHERE spotify_id = $1`,
      [spotifyId],
    );
    return { claimed: false, tracked: row?.tracked ?? false, note: row?.note ?? null };
  }

  /** What the day's Soundcharts lookup found (or why it failed). */
  async recordAudienceLookup(spotifyId: string, note: string): Promise<void> {
    await this.dataSource.query(`UPDATE tracked_artist SET audience_lookup_note = $2 WHERE spotify_id = $1`, [
      spotifyId,
      note,
    ]);
  }

  async tracked(spotifyIds: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ spotify_id: string }[]>(
      `SELECT spotify_id FROM tracked_artist WHERE spotify_id = ANY($1::text[]) AND untracked_at IS NULL`,
      [spotifyIds],
    );
    return new Set(rows.map((r) => r.spotify_id));
  }
}
