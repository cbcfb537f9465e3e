import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MissingComponent } from '../growth-metrics';

/** One artist's growth metrics for one day, computed from its snapshots (recomputed whenever they change). */
@Entity('growth_metric')
@Index('uq_growth_metric_artist_day', ['spotifyId', 'day'], { unique: true })
export class GrowthMetricEntity {
  /** `<spotifyId>_<YYYY-MM-DD>`. */
  @PrimaryColumn('text') metricId!: string;
  @Column('text') spotifyId!: string;
  @Column('date') day!: string;
  @Column('text') formulaVersion!: string;
  @Column('integer', { nullable: true }) currentFollowers!: number | null;
  @Column('text', { nullable: true }) followersSource!: string | null;
  @Column('integer', { nullable: true }) weeklyFollowerGrowth!: number | null;
  @Column('integer', { nullable: true }) monthlyFollowerGrowth!: number | null;
  @Column('smallint', { nullable: true }) currentPopularity!: number | null;
  @Column('smallint', { nullable: true }) weeklyPopularityChange!: number | null;
  @Column('smallint', { nullable: true }) monthlyPopularityChange!: number | null;
  @Column('double precision', { nullable: true }) visibilityScore!: number | null;
  @Column('double precision', { nullable: true }) followerScore!: number | null;
  @Column('double precision', { nullable: true }) popularityScore!: number | null;
  @Column('double precision', { nullable: true }) marketScore!: number | null;
  @Column('double precision', { nullable: true }) trackScore!: number | null;
  @Column('boolean') complete!: boolean;
  @Column('jsonb', { default: () => "'[]'" }) missing!: MissingComponent[];
  @Column('text', { array: true, nullable: true }) currentMarkets!: string[] | null;
  @Column('text', { array: true, default: () => "'{}'" }) newMarkets!: string[];
  @Column('text', { array: true, default: () => "'{}'" }) lostMarkets!: string[];
  @Column('timestamptz') computedAt!: Date;
}
