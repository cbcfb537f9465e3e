import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One value of an audience series: unique per entity, platform, metric and calendar day. */
@Entity('soundcharts_audience_point')
export class SoundchartsAudiencePointEntity {
  /** `track` or `artist`. */
  @PrimaryColumn('text') entityType!: string;
  @PrimaryColumn('uuid') entityId!: string;
  @PrimaryColumn('text') platform!: string;
  /** followers, monthly_listeners, streams, views, shazams, spins... */
  @PrimaryColumn('text') metric!: string;
  @PrimaryColumn('date') day!: string;
  @Column('double precision') value!: number;
  /** The Soundcharts endpoint family it came from, e.g. `soundcharts:song-audience`. */
  @Column('text') source!: string;
  @Column('timestamptz', { default: () => 'now()' }) fetchedAt!: Date;
}
