import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A recording on a platform: one row per Spotify track (and/or Soundcharts song). */
@Entity('track')
export class TrackEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_track_spotify_id', { unique: true })
  @Column('text', { nullable: true })
  spotifyId!: string | null;
  @Index('uq_track_soundcharts_uuid', { unique: true })
  @Column('uuid', { nullable: true })
  soundchartsUuid!: string | null;
  @Column('text') name!: string;
  @Index('idx_track_isrc')
  @Column('text', { nullable: true })
  isrc!: string | null;
  @Column('integer', { nullable: true }) durationMs!: number | null;
  @Column('text', { nullable: true }) albumName!: string | null;
  /** Where name/ISRC/duration last came from (SPOTIFY, SOUNDCHARTS) and when. */
  @Column('text', { nullable: true }) metadataSource!: string | null;
  @Column('timestamptz', { nullable: true }) metadataFetchedAt!: Date | null;
  /** 0..100; null when unknown or unavailable to this Spotify app. */
  @Index('idx_track_popularity')
  @Column('smallint', { nullable: true })
  popularity!: number | null;
  @Column('text', { nullable: true }) popularitySource!: string | null;
  @Column('timestamptz', { nullable: true }) popularityFetchedAt!: Date | null;
  @Column('text', { nullable: true }) isrcSource!: string | null;
  @Column('timestamptz', { nullable: true }) isrcFetchedAt!: Date | null;
  /** When enrichment last set this track's values (unchanged values are not rewritten). */
  @Column('timestamptz', { nullable: true }) enrichedAt!: Date | null;
  /**
   * When enrichment last fetched this track from Spotify, changed or not (also when Spotify did not know it):
   * backfills and staleness go by this.
   */
  @Column('timestamptz', { nullable: true }) checkedAt!: Date | null;
  /** First seen: incremental enrichment picks tracks first seen in the last days. */
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
