import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The per-identifier values behind a song's point (one song, several Spotify tracks): the point is their sum. */
@Entity('soundcharts_audience_part')
export class SoundchartsAudiencePartEntity {
  @PrimaryColumn('text') entityType!: string;
  @PrimaryColumn('uuid') entityId!: string;
  @PrimaryColumn('text') platform!: string;
  @PrimaryColumn('text') metric!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text') identifier!: string;
  @Column('double precision') value!: number;
}
