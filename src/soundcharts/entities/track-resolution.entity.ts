import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How a track without a song uuid was looked up on Soundcharts (by Spotify id, else ISRC) and what came back:
 * FOUND, PENDING (by-platform 404: Soundcharts ingests it within hours), NOT_FOUND, BLACKLISTED (410), NO_IDENTIFIER.
 */
@Entity('soundcharts_track_resolution')
export class SoundchartsTrackResolutionEntity {
  @PrimaryColumn('uuid') trackId!: string;
  @Column('text') status!: string;
  /** `spotify` (by-platform) or `isrc`. */
  @Column('text', { nullable: true }) method!: string | null;
  @Column('uuid', { nullable: true }) songUuid!: string | null;
  @Column('integer', { default: 1 }) attempts!: number;
  @Column('timestamptz') checkedAt!: Date;
}
