import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SoundchartsChartRankingEntity } from './chart-ranking.entity';

/** A song's place on one ranking, joined to our track (by id, no cross-module foreign key). */
@Entity('soundcharts_chart_entry')
@Index('idx_soundcharts_chart_entry_position', ['rankingId', 'position'])
export class SoundchartsChartEntryEntity {
  @PrimaryColumn('uuid') rankingId!: string;
  @ManyToOne(() => SoundchartsChartRankingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ranking_id', foreignKeyConstraintName: 'fk_soundcharts_chart_entry_ranking' })
  ranking?: SoundchartsChartRankingEntity;
  @PrimaryColumn('uuid') songUuid!: string;
  @Index('idx_soundcharts_chart_entry_track')
  @Column('uuid')
  trackId!: string;
  /** The display artist string of the ranking (e.g. "A, B"): before song metadata, the only hint of artists. */
  @Column('text', { nullable: true }) creditName!: string | null;
  @Column('integer') position!: number;
  @Column('integer', { nullable: true }) positionEvolution!: number | null;
  @Column('integer', { nullable: true }) oldPosition!: number | null;
  @Column('double precision', { nullable: true }) metric!: number | null;
  @Column('text', { nullable: true }) entryState!: string | null;
  @Column('timestamptz', { nullable: true }) entryDate!: Date | null;
  @Column('integer', { nullable: true }) timeOnChart!: number | null;
  /** DOC (days on chart) or WOC (weeks). */
  @Column('text', { nullable: true }) timeOnChartUnit!: string | null;
}
