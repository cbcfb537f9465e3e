import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('artist')
export class ArtistEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_artist_spotify_id', { unique: true })
  @Column('text', { nullable: true })
  spotifyId!: string | null;
  @Index('uq_artist_soundcharts_uuid', { unique: true })
  @Column('uuid', { nullable: true })
  soundchartsUuid!: string | null;
  @Column('text') name!: string;
  @Column('text', { array: true, default: () => "'{}'" }) genres!: string[];
  /** SPOTIFY, SOUNDCHARTS or INFERRED; null before any genre is known. */
  @Column('text', { nullable: true }) genreSource!: string | null;
  @Column('timestamptz', { nullable: true }) genresFetchedAt!: Date | null;
  @Column('smallint', { nullable: true }) popularity!: number | null;
  @Column('timestamptz', { nullable: true }) popularityFetchedAt!: Date | null;
  @Column('integer', { nullable: true }) followers!: number | null;
  @Column('timestamptz', { nullable: true }) followersFetchedAt!: Date | null;
  @Column('jsonb', { default: () => "'[]'" }) images!: {
    url: string;
    width: number | null;
    height: number | null;
  }[];
  @Column('text', { nullable: true }) externalUrl!: string | null;
  /** When enrichment last changed this artist's values. */
  @Column('timestamptz', { nullable: true }) enrichedAt!: Date | null;
  /** When enrichment last fetched this artist, changed or not (also when Spotify did not know it). */
  @Column('timestamptz', { nullable: true }) checkedAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
