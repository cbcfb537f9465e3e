import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SoundchartsChartEntity } from './chart.entity';

/** One published ranking of a chart; a chart and ranking datetime identify it, so syncing it again updates it. */
@Entity('soundcharts_chart_ranking')
@Index('uq_soundcharts_chart_ranking_at', ['chartId', 'rankedAt'], { unique: true })
@Index('idx_soundcharts_chart_ranking_day', ['chartId', 'rankedDay'])
export class SoundchartsChartRankingEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid') chartId!: string;
  @ManyToOne(() => SoundchartsChartEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chart_id', foreignKeyConstraintName: 'fk_soundcharts_chart_ranking_chart' })
  chart?: SoundchartsChartEntity;
  @Column('timestamptz') rankedAt!: Date;
  /** The first 10 characters of Soundcharts' ranking datetime. */
  @Column('date') rankedDay!: string;
  /** The ranking datetime exactly as Soundcharts printed it (the path segment that fetches it again). */
  @Column('text') rankedAtRaw!: string;
  @Column('integer') entryCount!: number;
  @Column('timestamptz', { default: () => 'now()' }) fetchedAt!: Date;
}
