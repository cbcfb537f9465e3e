import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What Soundcharts says about one of our tracks' song (GET /api/v2.25/song/{uuid}), with source and time. */
@Entity('soundcharts_song')
export class SoundchartsSongEntity {
  @PrimaryColumn('uuid') trackId!: string;
  @Index('uq_soundcharts_song_uuid', { unique: true })
  @Column('uuid')
  songUuid!: string;
  /** FOUND, or NOT_FOUND when Soundcharts no longer knows the uuid. */
  @Column('text') status!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) creditName!: string | null;
  @Column('text', { nullable: true }) isrc!: string | null;
  @Column('integer', { nullable: true }) durationSeconds!: number | null;
  @Column('date', { nullable: true }) releaseDate!: string | null;
  @Column('boolean', { nullable: true }) explicit!: boolean | null;
  @Column('jsonb', { default: () => "'[]'" }) genres!: { root: string; sub: string[] }[];
  @Column('jsonb', { default: () => "'[]'" }) labels!: { name: string; type: string | null }[];
  @Column('text', { nullable: true }) imageUrl!: string | null;
  /** The song's Spotify track ids, its default one first: what connects it to the Spotify side. */
  @Column('text', { array: true, default: () => "'{}'" }) spotifyIds!: string[];
  @Column('text') source!: string;
  @Column('timestamptz') fetchedAt!: Date;
}
