import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What Soundcharts says about one of our artists (GET /api/v2.9/artist/{uuid}), with source and time. */
@Entity('soundcharts_artist')
export class SoundchartsArtistEntity {
  @PrimaryColumn('uuid') artistId!: string;
  @Index('uq_soundcharts_artist_uuid', { unique: true })
  @Column('uuid')
  artistUuid!: string;
  /** FOUND, or NOT_FOUND when Soundcharts does not know the uuid a song credits. */
  @Column('text') status!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) countryCode!: string | null;
  @Column('text', { nullable: true }) careerStage!: string | null;
  @Column('text', { nullable: true }) growthLevel!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) genres!: string[];
  @Column('text', { nullable: true }) imageUrl!: string | null;
  @Column('text', { nullable: true }) cityName!: string | null;
  @Column('text', { nullable: true }) spotifyId!: string | null;
  @Column('text') source!: string;
  @Column('timestamptz') fetchedAt!: Date;
}
